package se.samla.web;

import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pseudo-locale ar-XB, when samla.web.pseudo-locale is on: every text is the English one written right to left,
 * so that a page's mirrored layout can be checked (and a text left out of the bundles shows) before a translation
 * into a right-to-left language exists. For development and tests; a municipality leaves it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "samla.web.pseudo-locale", havingValue = "true")
class PseudoLocaleMessages {

    /** Right-to-left override and its end: the text runs right to left whatever its letters. */
    static final String RLO = "\u202E";

    static final String PDF = "\u202C";

    @Bean
    static BeanPostProcessor pseudoLocaleMessageSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof MessageSource source && "messageSource".equals(name) ? new Pseudo(source) : bean;
            }
        };
    }

    private record Pseudo(MessageSource source) implements MessageSource {

        @Override
        public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
            return Languages.pseudo(locale)
                    ? rightToLeft(source.getMessage(code, args, defaultMessage, Locale.ENGLISH))
                    : source.getMessage(code, args, defaultMessage, locale);
        }

        @Override
        public String getMessage(String code, Object[] args, Locale locale) throws NoSuchMessageException {
            return Languages.pseudo(locale)
                    ? rightToLeft(source.getMessage(code, args, Locale.ENGLISH))
                    : source.getMessage(code, args, locale);
        }

        @Override
        public String getMessage(MessageSourceResolvable resolvable, Locale locale) throws NoSuchMessageException {
            return Languages.pseudo(locale)
                    ? rightToLeft(source.getMessage(resolvable, Locale.ENGLISH))
                    : source.getMessage(resolvable, locale);
        }

        private static String rightToLeft(String text) {
            return text == null ? null : RLO + text + PDF;
        }
    }
}
