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
 * ({@link OutstandingEvents#RETRY_AFTER}), so a failing listener is not hammered. One that an instance lost
 * while handling it stays PROCESSING or RESUBMITTED until {@link OutstandingEvents} marks it failed.
 */
@Component
class ResubmissionClaims implements BeanPostProcessor {

    private final ObjectProvider<JdbcClient> jdbc;

    ResubmissionClaims(ObjectProvider<JdbcClient> jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof EventPublicationRepository)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setInterfaces(EventPublicationRepository.class);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            if (invocation.getMethod().getName().equals("markResubmitted") && invocation.getArguments().length == 2) {
                return claim((UUID) invocation.getArguments()[0], (Instant)
                        invocation.getArguments()[1]);
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
}
