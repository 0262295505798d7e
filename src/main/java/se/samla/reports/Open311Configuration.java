package se.samla.reports;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Open311's converter comes first for its answers (Spring Boot puts converter beans ahead of its defaults), and it
 * takes the XML converter's place, which Spring would otherwise fill for every endpoint once jackson-dataformat-xml
 * is on the class path.
 */
@Configuration(proxyBeanMethods = false)
class Open311Configuration implements WebMvcConfigurer {

    private final Open311MessageConverter converter;

    Open311Configuration(Open311MessageConverter converter) {
        this.converter = converter;
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.withXmlConverter(converter);
    }
}
