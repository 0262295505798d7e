package se.samla.platform;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.modulith.events.ApplicationModuleListener;
import se.samla.shared.CurrentTenant;
import se.samla.shared.TenantEvent;

/**
 * A module listener ({@code @ApplicationModuleListener}) runs after the commit, on another thread, in a transaction
 * of its own. That transaction must know its tenant when it begins, or row-level security shows it nothing; so the
 * tenant of the event is made the current one before the listener's transaction starts (this advice is outside the
 * transaction's).
 */
@Configuration(proxyBeanMethods = false)
class TenantOfEventConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static DefaultPointcutAdvisor tenantOfEventAdvisor() {
        MethodInterceptor asTenant = invocation -> {
            Object[] arguments = invocation.getArguments();
            if (arguments.length > 0 && arguments[0] instanceof TenantEvent event) {
                try (var ignored = CurrentTenant.open(event.tenantId())) {
                    return invocation.proceed();
                }
            }
            return invocation.proceed();
        };
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                AnnotationMatchingPointcut.forMethodAnnotation(ApplicationModuleListener.class), asTenant);
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }
}
