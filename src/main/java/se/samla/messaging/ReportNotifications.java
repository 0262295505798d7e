package se.samla.messaging;

import java.util.ArrayList;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import se.samla.reports.ReportEvents;

/**
 * Tells the followers of a problem report, by e-mail, each public update: that it was received, its new
 * status, a status text from staff, or that it was merged into another report. The link leads to the
 * report's public page, since a reporter may have no Mina sidor.
 */
@Component
class ReportNotifications {

    private final Notifier notifier;

    ReportNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    @ApplicationModuleListener
    void on(ReportEvents.PublicUpdate e) {
        List<Object> args = new ArrayList<>();
        args.add(e.publicId());
        args.addAll(e.args());
        for (String recipient : e.recipients()) {
            notifier.send(
                    e.tenantId(),
                    new Notification(
                            "report:" + e.updateId() + ":" + recipient,
                            e.caseId(),
                            recipient,
                            e.kind(),
                            args,
                            "/felanmalan/" + e.publicId()));
        }
    }
}
