package se.samla.messaging;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends through the SMTP server named by spring.mail.* (SAMLA_SMTP_HOST and friends). */
final class SmtpDelivery implements MailDelivery {

    private final JavaMailSender sender;

    SmtpDelivery(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public String deliver(
            String from, String recipient, String subject, String body, Notification.Attachment attachment) {
        if (attachment == null) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(recipient);
            message.setSubject(subject);
            message.setText(body);
            sender.send(message);
            return "EMAIL";
        }
        var message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(recipient);
            helper.setSubject(subject);
            helper.setText(body);
            helper.addAttachment(
                    attachment.filename(),
                    new ByteArrayResource(attachment.content().getBytes(StandardCharsets.UTF_8)),
                    attachment.contentType() + "; charset=utf-8");
        } catch (MessagingException e) {
            throw new MailSendException("E-mail not composed: " + e.getMessage(), e);
        }
        sender.send(message);
        return "EMAIL";
    }
}
