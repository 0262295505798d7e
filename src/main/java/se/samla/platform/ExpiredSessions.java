package se.samla.platform;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/** Deletes expired sessions each minute, on one instance at a time (Spring Session's own timer is off). */
@Component
class ExpiredSessions {

    private final JdbcIndexedSessionRepository sessions;

    ExpiredSessions(JdbcIndexedSessionRepository sessions) {
        this.sessions = sessions;
    }

    @Scheduled(cron = "0 * * * * *")
    @SchedulerLock(name = "platform.sessions.remove-expired", lockAtMostFor = "PT5M", lockAtLeastFor = "PT30S")
    void removeExpired() {
        sessions.cleanUpExpiredSessions();
    }
}
