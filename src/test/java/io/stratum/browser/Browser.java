package io.stratum.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no browser or driver downloads). The flags keep
 * Chromium from calling home on a machine without internet access.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final Path profile;

    Browser() throws IOException {
        profile = Files.createTempDirectory("stratum-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(System.getProperty("stratum.chromium", "/usr/bin/chromium")));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("stratum.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    WebElement waitFor(By by, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement waitClickable(By by, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.elementToBeClickable(by));
    }

    /** Keeps a screenshot in target/screenshots for people reading a failed (or passed) run. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * Presses an element the way a mouse does (mousedown, mouseup, click), dispatched in the page. Synthesised CDP
     * mouse input does not reach the Camunda webapps' handlers in this headless Chromium (measured with Selenium and
     * Playwright alike), while DOM events do.
     */
    void press(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("""
                const el = arguments[0];
                el.scrollIntoView({block: 'center'});
                for (const type of ['mousedown', 'mouseup']) {
                  el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, view: window}));
                }
                el.click();""", element);
    }

    /**
     * Types into an input as a user would, lets the page's framework see the change and leaves the field. Camunda
     * Forms debounce their inputs, so the value is committed a moment after the last keystroke.
     */
    void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
        ((JavascriptExecutor) driver).executeScript("""
                const el = arguments[0];
                if (el.value !== arguments[1]) { el.value = arguments[1]; }
                el.dispatchEvent(new Event('input', {bubbles: true}));
                el.dispatchEvent(new Event('change', {bubbles: true}));
                el.dispatchEvent(new FocusEvent('blur'));
                el.dispatchEvent(new FocusEvent('focusout', {bubbles: true}));""", input, text);
        try {
            Thread.sleep(FORM_DEBOUNCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Longer than form-js's input debounce (300 ms). */
    private static final Duration FORM_DEBOUNCE = Duration.ofMillis(1000);

    /** Logs in to a Camunda webapp (tasklist, cockpit, admin) through its own login form. */
    void loginToCamunda(String baseUrl, String app, String user, String password) {
        driver.get(baseUrl + "/camunda/app/" + app + "/default/#/login");
        type(waitFor(By.cssSelector("input[placeholder='Username']"), Duration.ofSeconds(60)), user);
        type(driver.findElement(By.cssSelector("input[type='password']")), password);
        ((JavascriptExecutor) driver).executeScript("""
                arguments[0].dispatchEvent(new Event('submit', {bubbles: true, cancelable: true}));""",
                driver.findElement(By.cssSelector("form[name='signinForm']")));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
