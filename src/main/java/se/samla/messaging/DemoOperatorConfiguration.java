package se.samla.messaging;

import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.ws.config.annotation.EnableWs;
import org.springframework.ws.server.EndpointExceptionResolver;
import org.springframework.ws.soap.SoapFault;
import org.springframework.ws.soap.server.endpoint.AbstractSoapFaultDefinitionExceptionResolver;
import org.springframework.ws.soap.server.endpoint.SoapFaultDefinition;
import org.springframework.ws.transport.http.MessageDispatcherServlet;
import se.gov.minameddelanden.schema.common.v3.ExceptionInformation;
import se.gov.minameddelanden.schema.common.v3.ObjectFactory;

/**
 * The demo mailbox operator's SOAP side at /demo-brevlada/ws/* (recipient and service). It stands in for a
 * national service, so like the demo identity provider it refuses to run in production.
 */
@Configuration(proxyBeanMethods = false)
@EnableWs
@ConditionalOnProperty(name = "samla.demo-operator.enabled", havingValue = "true", matchIfMissing = true)
class DemoOperatorConfiguration {

    DemoOperatorConfiguration(Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("The demo mailbox operator must not run under the 'prod' profile: "
                    + "set SAMLA_DEMO_OPERATOR_ENABLED=false and name Mina meddelanden in each tenant's post.yml");
        }
    }

    @Bean
    ServletRegistrationBean<MessageDispatcherServlet> demoOperatorServlet(ApplicationContext context) {
        MessageDispatcherServlet servlet = new MessageDispatcherServlet();
        servlet.setApplicationContext(context);
        var registration = new ServletRegistrationBean<>(servlet, MinaMeddelandenClient.DEMO_PATH + "/*");
        registration.setName("demoMailboxOperator");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** A refusal as a SOAP fault with Mina meddelanden's applicationFault in its detail. */
    @Bean
    EndpointExceptionResolver demoOperatorFaults(MinaMeddelandenXml xml) {
        var resolver = new AbstractSoapFaultDefinitionExceptionResolver() {
            @Override
            protected SoapFaultDefinition getFaultDefinition(Object endpoint, Exception ex) {
                var definition = new SoapFaultDefinition();
                boolean sendersFault = ex instanceof DemoOperatorFault fault && fault.code() < 9000;
                definition.setFaultCode(sendersFault ? SoapFaultDefinition.CLIENT : SoapFaultDefinition.SERVER);
                definition.setFaultStringOrReason(
                        ex instanceof DemoOperatorFault ? ex.getMessage() : "The operator could not take the call");
                return definition;
            }

            @Override
            protected void customizeFault(Object endpoint, Exception ex, SoapFault fault) {
                var info = new ExceptionInformation();
                info.setErrorCode(ex instanceof DemoOperatorFault f ? f.code() : DemoOperatorFault.OUT_OF_ORDER);
                info.setDescription(
                        ex instanceof DemoOperatorFault ? ex.getMessage() : "The operator could not take the call");
                info.setCallId("demo-" + UUID.randomUUID());
                xml.write(
                        new ObjectFactory().createApplicationFault(info),
                        fault.addFaultDetail().getResult());
            }
        };
        resolver.setOrder(0);
        return resolver;
    }
}
