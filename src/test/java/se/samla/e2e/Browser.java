package se.samla.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium from the distribution's packages, with axe-core and keyboard helpers. */
public final class Browser implements AutoCloseable {

    private static final List<String> SERIOUS = List.of("serious", "critical");

    public final WebDriver driver;
    private final boolean javascript;
    /** For a browser without JavaScript: one with it, where axe-core checks a copy of each page. */
    private Browser checker;

    private Browser(boolean javascript) {
        this(javascript, false);
    }

    private Browser(boolean javascript, boolean phone) {
        this.javascript = javascript;
        String binary = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        String driverBinary = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--lang=sv-SE");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        if (phone) {
            // a common Android phone: 360 CSS pixels wide, touch, the mobile viewport rules
            options.setExperimentalOption(
                    "mobileEmulation",
                    Map.of(
                            "deviceMetrics",
                            Map.of("width", 360, "height", 800, "pixelRatio", 3.0, "touch", true, "mobile", true),
                            "userAgent",
                            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                                    + " Chrome/130.0 Mobile Safari/537.36"));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(driverBinary).toFile())
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public static Browser withJavaScript() {
        return new Browser(true);
    }

    public static Browser withoutJavaScript() {
        return new Browser(false);
    }

    /** A phone 360 × 800 CSS pixels, with touch and JavaScript. */
    public static Browser phone() {
        return new Browser(true, true);
    }

    private static String firstExisting(String... paths) {
        for (String path : paths) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        throw new IllegalStateException("Chromium is not installed (apt-get install -y chromium chromium-driver); "
                + "looked for " + String.join(", ", paths));
    }

    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /**
     * Clicks the link or button with this text, waiting for it while a previous navigation finishes, and
     * then for the page it leads to.
     */
    public void click(String visibleText) {
        WebElement page = driver.findElement(By.tagName("html"));
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "No link or button '" + visibleText + "' on " + url())
                .until(d -> {
                    WebElement element = d.findElements(By.cssSelector("a, button")).stream()
                            .filter(e -> e.getText().contains(visibleText))
                            .findFirst()
                            .orElse(null);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
        waitForNewPage(page);
    }

    /** Waits until the page the element belonged to has been replaced by the next one. */
    private void waitForNewPage(WebElement oldPage) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                // stale, or Chromium's "node does not belong to the document": the old page is gone
                return true;
            }
        });
    }

    /** Sets a date input the way a date picker does (typing into one depends on the browser's locale). */
    public void setDate(String id, java.time.LocalDate date) {
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id(id)), date.toString());
    }

    /**
     * Runs axe-core on the page and fails on any serious or critical violation. axe-core is JavaScript: a page shown
     * without it is copied as it stands, with its address as base for its style sheets, into a browser with
     * JavaScript, and checked there.
     */
    public Browser assertAccessible() {
        WebDriver target = driver;
        if (!javascript) {
            if (checker == null) {
                checker = new Browser(true);
            }
            try {
                Path copy = Files.createTempFile("axe-", ".html");
                String html = driver.getPageSource()
                        .replaceFirst(
                                "(?i)<head([^>]*)>",
                                "<head$1><base href=\"" + driver.getCurrentUrl().replace("\"", "%22") + "\">");
                Files.writeString(copy, html);
                checker.driver.get(copy.toUri().toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            target = checker.driver;
        }
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(target);
        // a check that ran finds something that passes on any page: no passes means axe-core did not run at all
        assertThat(results.getPasses()).as("axe-core ran on %s", url()).isNotEmpty();
        List<Rule> serious = results.getViolations().stream()
                .filter(r -> SERIOUS.contains(r.getImpact()))
                .toList();
        assertThat(serious)
                .as(
                        "serious or critical axe-core violations on %s: %s",
                        url(),
                        serious.stream()
                                .map(r -> r.getId() + " (" + r.getNodes().size() + "): " + r.getHelp())
                                .collect(Collectors.joining("; ")))
                .isEmpty();
        return this;
    }

    /** Presses Tab until the focused element's text contains the given text; fails after 40 presses. */
    public WebElement tabTo(String visibleText) {
        for (int i = 0; i < 40; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement focused = driver.switchTo().activeElement();
            // a table's scrolling box takes focus too (so that the keyboard can scroll it), and holds the link's text
            boolean scrollBox = "table-scroll".equals(focused.getDomAttribute("class"));
            if (!scrollBox && focused.getText().contains(visibleText)) {
                return focused;
            }
        }
        throw new AssertionError("Could not reach '" + visibleText + "' with the Tab key on " + url());
    }

    /** Presses Tab until the form field with this id has focus; fails after 80 presses. */
    public WebElement tabToField(String id) {
        for (int i = 0; i < 80; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement focused = driver.switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
        }
        throw new AssertionError("Could not reach the field '" + id + "' with the Tab key on " + url());
    }

    /** Types into whatever has focus, key by key, as a person at the keyboard does. */
    public void type(String text) {
        new Actions(driver).sendKeys(text).perform();
    }

    /** Presses Enter on a link or button, and waits for the page it leads to. */
    public void pressEnter() {
        WebElement page = driver.findElement(By.tagName("html"));
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        waitForNewPage(page);
    }

    /** Presses Enter where it does not leave the page (a skip link). */
    public void pressEnterInPage() {
        new Actions(driver).sendKeys(Keys.ENTER).perform();
    }

    @Override
    public void close() {
        driver.quit();
        if (checker != null) {
            checker.close();
        }
    }
}
