package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The accessibility check itself: a page with an image without alternative text and an input without a label fails
 * it, in a browser with JavaScript and in one without (where axe-core, being JavaScript, once ran on nothing and
 * passed).
 */
class BrowserAccessibilityCheckTest {

    @Test
    void aPageWithSeriousViolationsFailsWithAndWithoutJavaScript() throws Exception {
        Path page = Files.createTempFile("inaccessible", ".html");
        Files.writeString(page, """
                <!DOCTYPE html><html lang="sv"><head><title>Otillgänglig</title></head>
                <body><main><h1>Otillgänglig</h1><img src="bild.png"><input type="text"></main></body></html>
                """);
        for (boolean javascript : new boolean[] {true, false}) {
            try (Browser browser = javascript ? Browser.withJavaScript() : Browser.withoutJavaScript()) {
                browser.open(page.toUri().toString());
                assertThatThrownBy(browser::assertAccessible)
                        .as(javascript ? "with JavaScript" : "without JavaScript")
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("image-alt")
                        .hasMessageContaining("label");
            }
        }
    }
}
