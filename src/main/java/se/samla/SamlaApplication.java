package se.samla;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
@Modulithic(sharedModules = "shared")
public class SamlaApplication {

    public static void main(String[] args) {
        useTheJdksXmlFactories();
        SpringApplication.run(SamlaApplication.class, args);
    }

    /**
     * No library here brings XML factories of its own, so every factory lookup ends at the JDK's; naming them spares
     * the class-path scan each lookup makes, which the letters (openhtmltopdf, XMP metadata) made several times
     * per page. A setting given on the command line wins.
     */
    static void useTheJdksXmlFactories() {
        System.getProperties()
                .putIfAbsent(
                        "javax.xml.transform.TransformerFactory",
                        "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");
        System.getProperties()
                .putIfAbsent(
                        "javax.xml.parsers.DocumentBuilderFactory",
                        "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl");
        System.getProperties()
                .putIfAbsent(
                        "javax.xml.parsers.SAXParserFactory",
                        "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl");
    }
}
