import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The web app's benchmark (run by run-benchmark.sh, which starts the API jar): against BASE_URL,
 * a user with 2 000 todos, in headless Chromium,
 * <ul>
 *   <li>the bytes the first screen needs, compressed as sent (cold cache, signed in);</li>
 *   <li>the time from navigation to the usable list (the app's todolist:list-usable mark),
 *       cold and warm cache;</li>
 *   <li>long tasks (over 50 ms, as the browser reports them) while all 2 000 todos are paged in
 *       and scrolled through, then filtered, searched and sorted.</li>
 * </ul>
 * Prints a Markdown report; figures, never pass/fail.
 */
public class WebBenchmark {

    private static final String PASSWORD = "violet hedgehog orbits saturn";
    private static final int TODOS = 2000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        String base = args[0];
        HttpClient client = HttpClient.newHttpClient();
        String email = "bench-" + System.currentTimeMillis() + "@example.org";
        String token = seed(client, base, email);

        Path profile = Files.createTempDirectory("todolist-bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--window-size=1024,900", "--lang=en");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            driver.get(base + "/");
            wait.until(d -> !d.findElements(By.id("auth-email")).isEmpty());
            driver.findElement(By.id("auth-email")).sendKeys(email);
            driver.findElement(By.id("auth-password")).sendKeys(PASSWORD, Keys.ENTER);
            wait.until(d -> !d.findElements(By.cssSelector(".todo-list li")).isEmpty());

            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            Map<String, Object> cold = navigate(driver, wait, base);
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                warm.add(((Number) navigate(driver, wait, base).get("usable")).doubleValue());
            }
            Map<String, Object> tasks = longTasksWhileScrollingAndFiltering(driver, wait);

            StringBuilder report = new StringBuilder();
            report.append("| figure | value | target |\n|---|---|---|\n");
            report.append(row("first screen, compressed (HTML, CSS, JS, icon; headers included)",
                    kb(cold.get("assetBytes")), "≤ 60 KB"));
            report.append(row("first screen with its API answers (/me, first page, counts)",
                    kb(cold.get("allBytes")), "-"));
            report.append(row("first screen, uncompressed assets", kb(cold.get("decodedBytes")), "-"));
            report.append(row("navigation to usable list, cold cache", ms(cold.get("usable")), "≤ 500 ms"));
            report.append(row("navigation to usable list, warm cache (median of 5)",
                    ms(warm.stream().sorted().toList().get(warm.size() / 2)), "≤ 500 ms"));
            report.append(row("todos paged in and scrolled through", tasks.get("loaded") + " of " + TODOS, "-"));
            report.append(row("long tasks (> 50 ms) while scrolling and filtering", String.valueOf(tasks.get("count")), "-"));
            report.append(row("longest task while scrolling and filtering", ms(tasks.get("longest")), "none > 100 ms"));
            System.out.print(report);
        } finally {
            driver.quit();
            delete(client, base, token);
        }
    }

    /** Navigates to the list and returns the bytes transferred and the list-usable mark's time. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> navigate(ChromeDriver driver, WebDriverWait wait, String base) {
        // From a blank page: a navigation to the same URL with another fragment would not load the document again.
        driver.get("about:blank");
        driver.get(base + "/#/");
        wait.until(d -> "true".equals(d.findElement(By.id("main")).getAttribute("data-ready")));
        return (Map<String, Object>) driver.executeScript("""
                const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
                const isApi = e => new URL(e.name).pathname.startsWith('/api/');
                const sum = (list, key) => list.reduce((total, e) => total + (e[key] || 0), 0);
                const assets = entries.filter(e => !isApi(e));
                const mark = performance.getEntriesByName('todolist:list-usable')[0];
                return {assetBytes: sum(assets, 'transferSize'), allBytes: sum(entries, 'transferSize'),
                        decodedBytes: sum(assets, 'decodedBodySize'), usable: mark ? mark.startTime : -1};
                """);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> longTasksWhileScrollingAndFiltering(ChromeDriver driver, WebDriverWait wait) {
        driver.executeScript("""
                window.longTasks = [];
                new PerformanceObserver(list => window.longTasks.push(...list.getEntries().map(e => e.duration)))
                  .observe({type: 'longtask'});
                """);
        while (driver.findElement(By.cssSelector(".load-more")).isDisplayed()) {
            int before = driver.findElements(By.cssSelector(".todo-list li")).size();
            driver.executeScript("document.querySelector('.load-more').scrollIntoView(); document.querySelector('.load-more').click();");
            wait.until(d -> d.findElements(By.cssSelector(".todo-list li")).size() > before);
        }
        long loaded = driver.findElements(By.cssSelector(".todo-list li")).size();
        driver.executeScript("window.scrollTo(0, 0);");
        for (String filter : List.of("#/active", "#/completed", "#/")) {
            driver.findElement(By.cssSelector(".filters a[href='" + filter + "']")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("main")).getAttribute("data-ready")));
        }
        driver.findElement(By.id("search")).sendKeys("chore 1234");
        wait.until(d -> d.findElements(By.cssSelector(".todo-list li")).size() == 1);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("sort"))).selectByValue("priority");
        driver.executeScript("return new Promise(resolve => setTimeout(resolve, 500))");
        Map<String, Object> tasks = (Map<String, Object>) driver.executeScript(
                "return {count: window.longTasks.length, longest: Math.max(0, ...window.longTasks)};");
        tasks.put("loaded", loaded);
        return tasks;
    }

    /** Signs the user up, creates the todos (8 at a time) and returns a bearer token. */
    private static String seed(HttpClient client, String base, String email) throws Exception {
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        send(client, base, "POST", "/api/v1/users", credentials, null);
        String token = send(client, base, "POST", "/api/v1/sessions", credentials, null)
                .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> writes = new ArrayList<>();
        String[] priorities = {"low", "normal", "high"};
        for (int i = 1; i <= TODOS; i++) {
            String body = "{\"title\":\"chore " + i + "\",\"completed\":" + (i % 3 == 0) + ",\"priority\":\""
                    + priorities[i % 3] + "\",\"tags\":[\"t" + (i % 7) + "\"]}";
            writes.add(pool.submit(() -> send(client, base, "POST", "/api/v1/todos", body, token)));
        }
        for (Future<String> write : writes) {
            write.get();
        }
        pool.shutdown();
        return token;
    }

    private static void delete(HttpClient client, String base, String token) throws Exception {
        send(client, base, "DELETE", "/api/v1/me", "{\"password\":\"" + PASSWORD + "\"}", token);
    }

    private static String send(HttpClient client, String base, String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String row(String figure, String value, String target) {
        return "| " + figure + " | " + value + " | " + target + " |\n";
    }

    private static String kb(Object bytes) {
        return String.format("%.1f KB", ((Number) bytes).doubleValue() / 1024);
    }

    private static String ms(Object millis) {
        return String.format("%.0f ms", ((Number) millis).doubleValue());
    }
}
