package se.samla.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Swedish first, another offered language on request (?lang=en, remembered in a cookie for a year). */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final Locale SWEDISH = Languages.SWEDISH;

    @Bean
    LocaleResolver localeResolver(Languages languages) {
        CookieLocaleResolver resolver = new CookieLocaleResolver("samla_lang") {
            // a cookie names a language no longer (or never) offered: the closest offered one, not its own
            @Override
            public Locale resolveLocale(jakarta.servlet.http.HttpServletRequest request) {
                return languages.closest(super.resolveLocale(request));
            }

            @Override
            public void setLocale(
                    jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response,
                    Locale locale) {
                super.setLocale(request, response, languages.closest(locale));
            }
        };
        resolver.setDefaultLocale(SWEDISH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }
}
