package se.samla.messaging;

import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.cases.CaseEvents;
import se.samla.cases.CaseSubmitted;

/**
 * Tells the resident, by e-mail, when their case is received, when a case officer writes or asks for
 * more, and when it is decided. Each runs after the case's transaction commits, through the event
 * publication registry, so a crash before sending leaves the event to be sent at the next start.
 */
@Component
class CaseNotifications {

    private final Notifier notifier;

    CaseNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    @ApplicationModuleListener
    void on(CaseSubmitted e) {
        notifier.send(
                e.tenantId(),
                new Notification(
                        "submitted:" + e.caseId(),
                        e.caseId(),
                        e.notificationEmail(),
                        "submitted",
                        List.of(e.reference())));
    }

    @ApplicationModuleListener
    void on(CaseEvents.MessageSentToResident e) {
        notifier.send(
                e.tenantId(),
                new Notification(
                        "message:" + e.messageId(),
                        e.caseId(),
                        e.notificationEmail(),
                        "message",
                        List.of(e.reference())));
    }

    @ApplicationModuleListener
    void on(CaseEvents.CompletionRequested e) {
        notifier.send(
                e.tenantId(),
                new Notification(
                        "completion:" + e.requestId(),
                        e.caseId(),
                        e.notificationEmail(),
                        "completion",
                        List.of(e.reference(), e.dueOn().toString())));
    }

    /** Once a case is disposed of, nothing here says where its e-mails went. */
    @ApplicationModuleListener
    void on(CaseEvents.Disposed e) {
        notifier.forget(e.tenantId(), e.caseId(), e.reference());
    }

    @ApplicationModuleListener
    void on(CaseEvents.DecisionMade e) {
        notifier.send(
                e.tenantId(),
                new Notification(
                        "decision:" + e.caseId(),
                        e.caseId(),
                        e.notificationEmail(),
                        "decision",
                        List.of(e.reference())));
    }
}
