package ai.vtry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console (/console/) in headless Chromium against the running stack, as a person uses it:
 * sign in with a key, create and compose a person, add a cloth, try it on, edit the result, find both
 * in the gallery, rotate the key. Also: a wrong key shows the API's error, no page scrolls sideways
 * at 375 px, the browser logs no error, and every request the console makes is to /console/,
 * /api/v1/ or a signed /files/ link. Screenshots of each page go to target/console-screenshots/;
 * the cold-load figures are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Path SAMPLES = Path.of("..", "docs", "samples").toAbsolutePath().normalize();
    private static final String CONSOLE = Stack.GATEWAY + "/console/";

    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static Path profile;
    private static String apiKey;

    @BeforeAll
    static void startChromium() throws IOException {
        profile = Files.createTempDirectory("vtry-chromium");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium", "/usr/bin/chromium"));
        // Headless, and quiet on a closed network: no background calls to Google's hosts.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        apiKey = Stack.newAccount("pro");
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void aColdLoadIsInteractiveAndSmall() {
        browser.get(CONSOLE);
        wait.until(d -> "true".equals(js("return document.documentElement.dataset.ready")));
        Number interactive = (Number) js("return Number(document.documentElement.dataset.readyAt)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> resources = (List<Map<String, Object>>) js(
                "return performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
                        + ".map(e => ({name: e.name, transfer: e.transferSize, body: e.encodedBodySize, decoded: e.decodedBodySize}))");
        long transfer = 0;
        long decoded = 0;
        for (Map<String, Object> resource : resources) {
            transfer += ((Number) resource.get("transfer")).longValue();
            decoded += ((Number) resource.get("decoded")).longValue();
        }
        System.out.printf("console cold load: interactive after %d ms, %d files, %d bytes transferred (%d bytes uncompressed)%n",
                interactive.longValue(), resources.size(), transfer, decoded);
        assertTrue(resources.size() >= 10, "the page, its modules and its stylesheet: " + resources);
        assertTrue(transfer < decoded * 6 / 10, "the files come gzipped: " + transfer + " of " + decoded + " bytes");
        screenshot("sign-in");
    }

    @Test
    @Order(2)
    void aWrongKeyShowsTheApisErrorAndSignsNothingIn() {
        open("");
        type(By.id("api-key"), "vtry_" + "x".repeat(43));
        browser.findElement(By.id("sign-in")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sign-in-error .error")));
        assertEquals("invalidApiKey", error.getAttribute("data-code"));
        assertTrue(error.getText().contains("The API key is not valid"), error.getText());
        assertEquals(null, js("return sessionStorage.getItem('vtry.apiKey')"));
        screenshot("sign-in-wrong-key");
        onlyRefusalsLogged(401);
    }

    @Test
    @Order(3)
    void theWholeJourneyFromAPersonToAnEditedTryOn() throws IOException {
        open("");
        type(By.id("api-key"), apiKey);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("generate")));

        // A cold load of a signed-in tab (empty cache, key in the tab): when Try on can be used.
        browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("generate")));
        System.out.printf("console cold load, signed in: Try on interactive after %s ms (its four API reads included)%n",
                js("return document.querySelector('form.try-on').dataset.readyAt"));

        // People: a person from two sample photos (previewed before the upload), then its composite.
        // A name the API refuses first: its message names the field.
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
        open("#/people");
        type(By.id("person-name"), "!!!");
        browser.findElement(By.id("person-files")).sendKeys(SAMPLES.resolve("front.jpg") + "\n" + SAMPLES.resolve("side.jpg"));
        wait.until(d -> d.findElements(By.cssSelector(".previews img")).size() == 2);
        browser.findElement(By.id("create-person")).click();
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#person-error .error")));
        assertEquals("validationFailed", refused.getAttribute("data-code"));
        assertTrue(refused.findElement(By.cssSelector("li code")).getText().equals("name"), refused.getText());
        onlyRefusalsLogged(400);
        type(By.id("person-name"), name);
        browser.findElement(By.id("create-person")).click();
        String card = "article.person[data-name='" + name + "']";
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(card)))
                .findElement(By.cssSelector("button.compose")).click();
        waitForImage(By.cssSelector(card + " img.cover")); // the card shows the composite once its job completed
        idle();
        screenshot("people");

        // Clothes: past the 5 product-page lookups a minute, the 429 says when to try again.
        open("#/clothes");
        type(By.id("cloth-page-url"), "ftp://shop.example/products/jacket"); // refused at once, and counted
        for (int i = 0; i < 6; i++) {
            wait.until(ExpectedConditions.elementToBeClickable(By.id("find-images"))).click();
            wait.until(d -> d.findElements(By.cssSelector("#cloth-error .error")).size() == 1
                    && Boolean.FALSE.equals(js("return document.getElementById('find-images').disabled")));
        }
        WebElement limited = browser.findElement(By.cssSelector("#cloth-error .error"));
        assertEquals("rateLimited", limited.getAttribute("data-code"));
        assertTrue(limited.getText().matches("(?s).*Try again in \\d+ s\\..*"), limited.getText());
        screenshot("clothes-rate-limited");
        onlyRefusalsLogged(400, 429);

        // Then the sample jacket, uploaded as it is; the job's end puts it in the library.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cloth-file"))).sendKeys(SAMPLES.resolve("jacket.png").toString());
        wait.until(d -> d.findElements(By.cssSelector(".previews img")).size() == 1);
        browser.findElement(By.id("upload-cloth")).click();
        wait.until(d -> d.findElements(By.cssSelector(".job-panel[data-status=COMPLETED]")).size() == 1);
        WebElement cloth = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article.cloth")));
        String clothId = cloth.getAttribute("data-cloth-id");
        waitForImage(By.cssSelector("article.cloth img"));
        idle();
        screenshot("clothes");

        // Try on: the composed person (picked by default), the jacket, a scene; the result loads.
        open("#/try-on");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("generate")));
        browser.findElement(By.cssSelector("input[name=clothes][value='" + clothId + "']")).click();
        type(By.id("scene"), "a sunny street in Lisbon");
        browser.findElement(By.id("generate")).click();
        waitForImage(By.id("result-image"));
        String generation = completedOverTheEventStream(By.cssSelector("#result .job-panel"));

        // Edit this: the instruction runs an edit, shown before/after.
        type(By.id("edit-prompt"), "make the jacket navy");
        browser.findElement(By.id("run-edit")).click();
        waitForImage(By.id("edit-image"));
        String edit = completedOverTheEventStream(By.cssSelector(".edit .job-panel"));
        assertEquals(2, browser.findElements(By.cssSelector(".before-after img")).size());
        idle();
        screenshot("try-on");

        // Gallery: both jobs, newest first; a click opens the edit's details with its image.
        open("#/gallery");
        wait.until(d -> d.findElements(By.cssSelector("#gallery .tile")).size() >= 2);
        List<String> listed = new ArrayList<>();
        for (WebElement tile : browser.findElements(By.cssSelector("#gallery .tile"))) {
            listed.add(tile.getAttribute("data-job-id"));
        }
        assertEquals(List.of(edit, generation), listed.subList(0, 2));
        idle();
        screenshot("gallery");
        browser.findElement(By.cssSelector("#gallery .tile[data-job-id='" + edit + "']")).click();
        waitForImage(By.cssSelector("#job-dialog figure img"));
        idle();
        screenshot("gallery-job");
        browser.findElement(By.cssSelector("#job-dialog .close")).click();

        // Account: plan and limits; rotating the key shows the new one once and the console goes on with it.
        open("#/account");
        wait.until(ExpectedConditions.textToBe(By.id("plan-name"), "Pro"));
        wait.until(d -> d.findElements(By.cssSelector("#usage table")).size() == 1);
        idle();
        screenshot("account");
        browser.findElement(By.id("rotate-key")).click();
        browser.switchTo().alert().accept();
        String rotated = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-value"))).getAttribute("value");
        assertTrue(rotated.startsWith("vtry_") && !rotated.equals(apiKey), rotated);
        Stack.as(apiKey).get("/api/v1/me").then().statusCode(401);
        Stack.as(rotated).get("/api/v1/me").then().statusCode(200);
        apiKey = rotated;
        open("#/gallery");
        wait.until(d -> d.findElements(By.cssSelector("#gallery .tile")).size() >= 2);

        assertEquals(List.of(), browserErrors(), "the browser logged errors");
        assertOnlyPublicRequests();
    }

    @Test
    @Order(4)
    void everyPageFitsA375PixelScreen() {
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            for (String page : List.of("try-on", "people", "clothes", "gallery", "account")) {
                open("#/" + page);
                idle();
                Number overflow = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertTrue(overflow.intValue() <= 0, page + " scrolls sideways by " + overflow + " px at 375 px");
                screenshot("mobile-" + page);
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
        assertEquals(List.of(), browserErrors(), "the browser logged errors");
    }

    @Test
    @Order(5)
    void signingOutForgetsTheKey() {
        open("#/try-on");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertEquals(null, js("return sessionStorage.getItem('vtry.apiKey')"));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    }

    // ------------------------------------------------------------------ helpers

    /** Goes to a page ("#/people"; "" for the start) and waits until it is drawn and its requests are answered. */
    private static void open(String hash) {
        String current = browser.getCurrentUrl();
        if (current == null || !current.startsWith(CONSOLE)) {
            browser.get(CONSOLE + hash);
        } else {
            js("location.hash = arguments[0]", hash.isEmpty() ? "#/" : hash);
        }
        wait.until(d -> "true".equals(js("return document.documentElement.dataset.ready")));
        if (!hash.isEmpty()) {
            String page = hash.substring(2);
            wait.until(d -> page.equals(js("return document.getElementById('main').dataset.page")));
        }
        idle();
    }

    /**
     * Waits until the console has no request in flight and its images have loaded (a lazy one only
     * once it is in view: the browser loads it then).
     */
    private static void idle() {
        wait.until(d -> Boolean.TRUE.equals(js("return document.documentElement.dataset.requests === '0'"
                + " && Array.from(document.images).filter(i => i.loading !== 'lazy'"
                + " || i.getBoundingClientRect().top < window.innerHeight).every(i => i.complete)")));
    }

    private static void type(By field, String text) {
        WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(field));
        element.clear();
        element.sendKeys(text);
    }

    /** The job of a status panel, which must read COMPLETED and have followed the job's events (not polled). */
    private static String completedOverTheEventStream(By panel) {
        WebElement found = browser.findElement(panel);
        assertEquals("COMPLETED", found.getAttribute("data-status"));
        assertEquals("events", found.getAttribute("data-transport"), "followed over the event stream, not by polling");
        return found.getAttribute("data-job-id");
    }

    /** Waits until the image has loaded for real: complete, with pixels. */
    private static void waitForImage(By image) {
        wait.until(d -> {
            List<WebElement> found = d.findElements(image);
            return !found.isEmpty() && Boolean.TRUE.equals(js(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", found.get(0)));
        });
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The whole page, not only the window: Chromium's own capture, clipped to the content's size. */
    @SuppressWarnings("unchecked")
    private static void screenshot(String name) {
        // The sticky header belongs at the top of the picture; a passing notice is not the page.
        js("window.scrollTo(0, 0); document.getElementById('toasts').replaceChildren()");
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) content.get("width")).doubleValue(),
                "height", Math.min(((Number) content.get("height")).doubleValue(), 4000));
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The browser's error lines since the last call (reading the log empties it). */
    private static List<String> browserErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /**
     * Chromium logs every refused request as an error of its own ("Failed to load resource: ... 400");
     * after a step that provokes refusals, those and nothing else may be in the log.
     */
    private static void onlyRefusalsLogged(int... statuses) {
        for (String error : browserErrors()) {
            boolean expected = false;
            for (int status : statuses) {
                expected |= error.contains("Failed to load resource") && error.contains("status of " + status);
            }
            assertTrue(expected, "the browser logged: " + error);
        }
    }

    /** Every request of this page load went to the console's files, the public API or a signed link. */
    @SuppressWarnings("unchecked")
    private static void assertOnlyPublicRequests() {
        List<String> urls = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
        assertTrue(urls.size() > 5, "requests seen: " + urls);
        URI gateway = URI.create(Stack.GATEWAY);
        for (String url : urls) {
            URI uri = URI.create(url);
            String path = uri.getPath();
            boolean ours = uri.getPort() == gateway.getPort();
            assertTrue(ours && (path.startsWith("/api/v1/") || path.startsWith("/console/") || path.startsWith("/files/")),
                    "the console requested " + url);
        }
    }

    private static String executable(String name, String fallback) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (Files.isExecutable(Path.of(fallback))) {
            return fallback;
        }
        throw new IllegalStateException(name + " is not installed: ./vtry test installs Debian's chromium and chromium-driver");
    }
}
