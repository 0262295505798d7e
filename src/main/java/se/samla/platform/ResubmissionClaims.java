package se.samla.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.stereotype.Component;

/**
 * Lets an instance claim an event publication for resubmission only while nobody is handling it.
 *
 * <p>Spring Modulith's JDBC repository claims any publication that is not RESUBMITTED. But as soon as a
 * listener starts on a claimed publication it is marked PROCESSING, so a second instance that listed the
 * publication a moment earlier could claim it again and run the listener twice. Here a claim takes only a
 * publication that is waiting (PUBLISHED) or whose last try failed (FAILED) long enough ago
 * ({@link OutstandingEvents#RETRY_AFTER}), so a failing listener is not hammered. A listener's start is stamped
 * too, so {@link OutstandingEvents} counts a run as lost from when it began, not from when the event was published.
 *
 * <p>What a claim cannot tell apart: a publication still waiting in a busy instance's queue after
 * {@link OutstandingEvents#IN_FLIGHT} looks like one whose instance died, and may then run on both.
 */
@Component
class ResubmissionClaims implements BeanPostProcessor {

    private final ObjectProvider<JdbcClient> jdbc;
    private final ObjectProvider<java.time.Clock> clock;

    ResubmissionClaims(ObjectProvider<JdbcClient> jdbc, ObjectProvider<java.time.Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof EventPublicationRepository)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setInterfaces(EventPublicationRepository.class);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            String method = invocation.getMethod().getName();
            Object[] arguments = invocation.getArguments();
            if (method.equals("markResubmitted") && arguments.length == 2) {
                return claim((UUID) arguments[0], (Instant) arguments[1]);
            }
            if (method.equals("markProcessing") && arguments.length == 1 && arguments[0] instanceof UUID id) {
                started(id, clock.getObject().instant());
                return null;
            }
            return invocation.proceed();
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }

    boolean claim(UUID publication, Instant at) {
        return jdbc.getObject()
                        .sql("""
                        UPDATE event_publication
                        SET status = 'RESUBMITTED', completion_attempts = coalesce(completion_attempts, 0) + 1,
                            last_resubmission_date = :at
                        WHERE id = :id AND completion_date IS NULL
                          AND (status = 'PUBLISHED' OR status = 'FAILED' AND coalesce(last_resubmission_date, publication_date) < :retry)
                        """)
                        .param("id", publication)
                        .param("at", Timestamp.from(at))
                        .param("retry", Timestamp.from(at.minus(OutstandingEvents.RETRY_AFTER)))
                        .update()
                == 1;
    }

    /** A listener begins on the publication: PROCESSING, from now. */
    void started(UUID publication, Instant at) {
        jdbc.getObject()
                .sql("""
                UPDATE event_publication SET status = 'PROCESSING', last_resubmission_date = :at
                WHERE id = :id AND status IS DISTINCT FROM 'PROCESSING'
                """)
                .param("id", publication)
                .param("at", Timestamp.from(at))
                .update();
    }
}
