package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.samla.SamlaIntegrationTest;

/**
 * A language written right to left gets a mirrored page: checked with the pseudo-locale ar-XB (the English texts
 * written right to left), whose choice is kept from page to page like any language's, and which passes axe-core.
 */
class LanguageJourneyIT extends SamlaIntegrationTest {

    static final String RIGHT_TO_LEFT_OVERRIDE = "\u202E";

    String at(String path) {
        return "http://vanersborg.localhost:" + port + path;
    }

    /** Whether the site's name in the header stands in the right half of the window, as a mirrored page has it. */
    private static boolean brandOnTheRight(Browser browser) {
        var brand = browser.driver.findElement(By.cssSelector(".brand")).getRect();
        int width = browser.driver.findElement(By.tagName("html")).getRect().getWidth();
        return brand.getX() > width / 2;
    }

    @Test
    void aRightToLeftLanguageMirrorsThePageAndIsKept() {
        try (Browser browser = Browser.withJavaScript()) {
            browser.open(at("/"));
            var html = browser.driver.findElement(By.tagName("html"));
            assertThat(html.getAttribute("dir")).isEqualTo("ltr");
            assertThat(brandOnTheRight(browser)).isFalse();

            browser.open(at("/?lang=ar-XB"));
            html = browser.driver.findElement(By.tagName("html"));
            assertThat(html.getAttribute("lang")).isEqualTo("ar-XB");
            assertThat(html.getAttribute("dir")).isEqualTo("rtl");
            assertThat(html.getCssValue("direction")).isEqualTo("rtl");
            assertThat(browser.heading()).startsWith(RIGHT_TO_LEFT_OVERRIDE).contains("Welcome to Vänersborgs kommun");
            assertThat(brandOnTheRight(browser)).isTrue();
            browser.assertAccessible();

            // kept: the next pages, reached without asking again, are right to left too
            browser.open(at("/e-tjanster"));
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir"))
                    .isEqualTo("rtl");
            assertThat(browser.heading()).contains("E-services");
            browser.open(at("/sok?q=bygglov"));
            // the e-service's own name is configured in Swedish and English only, so this language shows the Swedish
            assertThat(browser.text())
                    .contains(RIGHT_TO_LEFT_OVERRIDE + "E-services")
                    .contains("Ansökan om bygglov");
            browser.assertAccessible();

            // the language switch offers the real languages only, each by its own name
            assertThat(browser.driver.findElements(By.cssSelector("a[hreflang]")))
                    .extracting(e -> e.getText())
                    .containsExactly("Svenska", "English");
            browser.click("Svenska");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir"))
                    .isEqualTo("ltr");
            assertThat(browser.heading()).isEqualTo("Sök");
        }
    }
}
