package dev.todolist.api.webapp;

import dev.todolist.testing.Prerequisite;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debian's headless Chromium driven by Selenium, with waits, axe-core scans and screenshots. */
final class Browser implements AutoCloseable {

    /** Long enough for any honest answer on a loaded machine; waits end as soon as the condition holds. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * How often a wait looks again. Selenium's default, 500 ms, is longer than most answers take
     * here, and a test waits after nearly every step.
     */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    final ChromeDriver driver;
    private final Path profile;
    private final Dimension size;

    private Browser(ChromeDriver driver, Path profile, Dimension size) {
        this.driver = driver;
        this.profile = profile;
        this.size = size;
    }

    /** A fresh browser (its own profile, so no cookie or storage is shared) in `language`, `width` px wide. */
    static Browser open(String language, int width, int height) {
        try {
            Path profile = Files.createTempDirectory("todolist-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Prerequisite.chromiumBinary());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--lang=" + language);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new java.io.File(Prerequisite.chromedriverBinary())).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile, new Dimension(width, height));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Back to the state of a browser just opened, for the next test: one new tab (no page, history,
     * script state or network emulation of the last test), no cookie at all, nothing stored for
     * {@code origin}, an empty cache, the console log read, and the window at its first size.
     * Language and profile stay: they are what {@link #open} was asked for.
     */
    void reset(String origin) {
        String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(fresh);
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        driver.manage().logs().get(LogType.BROWSER);
        driver.manage().window().setSize(size);
    }

    WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T until(ExpectedCondition<T> condition) {
        return waiting().until(condition);
    }

    /** Waits until the screen says it is usable (the app sets data-ready on main). */
    void awaitReady() {
        waiting().withMessage(() -> "the screen never became ready; it shows: "
                        + driver.findElement(By.tagName("body")).getText())
                .until(d -> "true".equals(d.findElement(By.id("main")).getAttribute("data-ready")));
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT, POLL);
    }

    /** Runs axe-core (WCAG 2.2 A and AA rules) on the page; fails on any serious or critical violation. */
    void assertAccessible(String screen) {
        Results results = new AxeBuilder().withTags(WCAG_AA).analyze(driver);
        List<Rule> bad = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
        assertTrue(bad.isEmpty(), screen + ": " + bad.stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
    }

    Path screenshot(String name) {
        try {
            Path directory = Path.of(System.getProperty("todolist.screenshots", "target/screenshots"));
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver.Navigation navigate() {
        return driver.navigate();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
