package se.samla.messaging;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through the SMTP server named by spring.mail.* (SAMLA_SMTP_HOST and friends). */
final class SmtpDelivery implements MailDelivery {

    private final JavaMailSender sender;

    SmtpDelivery(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public String deliver(String from, String recipient, String subject, String body) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(recipient);
        message.setSubject(subject);
        message.setText(body);
        sender.send(message);
        return "EMAIL";
    }
}
