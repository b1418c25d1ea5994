package dev.grove.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.retrain.RetrainOutcome;
import dev.grove.retrain.RetrainPolicy;
import dev.grove.retrain.TriggerEvaluation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person uses it, in Debian's Chromium driven headless by Selenium (the driver
 * path is given, so Selenium Manager never runs): see the runs, open one and read its confusion
 * matrix, compare two, start a training and watch it finish, promote it (the token asked once),
 * and the runs page at phone width; a model's retraining history. Every page is saved as a PNG under target/screenshots. Without
 * chromium it is skipped, except under CI (GROVE_REQUIRE_BROWSER=1), where it fails.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;

    private static TestServer server;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path shots;

    @BeforeAll
    static void start() throws Exception {
        requireBrowser(System.getenv(), Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER));
        shots = Files.createDirectories(Path.of(System.getProperty("grove.screenshots", "target/screenshots")));
        server = new TestServer(dir.resolve("server"));
        server.train("future_skills", "fs-1", 30);
        server.train("future_skills", "fs-2", 60);
        server.grove.models().setAlias("future_skills", "production", "fs-1", "test", "first release");

        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome-profile")), "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Skips without the browser, but fails under CI (GROVE_REQUIRE_BROWSER=1), where .ci/run installed it. */
    static void requireBrowser(java.util.Map<String, String> env, boolean present) {
        if (!present && "1".equals(env.get("GROVE_REQUIRE_BROWSER"))) {
            throw new AssertionError("GROVE_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; "
                    + "install Debian's chromium and chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " and " + CHROMEDRIVER + ": browser test skipped");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void open(String hash) {
        driver.get(server.server.uri() + hash);
    }

    private static void shoot(String name) throws Exception {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), shots.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static void noErrorShown() {
        WebElement error = driver.findElement(By.id("error"));
        assertFalse(error.isDisplayed(), () -> "the page shows an error: " + error.getText());
    }

    @Test
    void aPersonSeesRunsReadsAMatrixTrainsWatchesAndPromotes() throws Exception {
        // the runs table, newest first
        open("/#/runs");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#runs-table tbody tr"), 2));
        List<WebElement> rows = driver.findElements(By.cssSelector("#runs-table tbody tr"));
        assertTrue(rows.get(0).getText().contains("fs-2") && rows.get(1).getText().contains("fs-1"), rows.get(0).getText());
        noErrorShown();
        shoot("01-runs.png");

        // open a run: its confusion matrix, cell for cell as recorded
        rows.get(1).findElement(By.xpath("./td[3]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confusion")));
        JsonNode recorded = server.http.get("/api/runs/fs-1").json().get("confusion_matrix");
        List<String> labels = new ArrayList<>();
        recorded.get("labels").forEach(l -> labels.add(l.asText()));
        for (int i = 0; i < labels.size(); i++) {
            for (int j = 0; j < labels.size(); j++) {
                WebElement cell = driver.findElement(By.cssSelector("#confusion td[data-row='" + labels.get(i)
                        + "'][data-col='" + labels.get(j) + "']"));
                assertEquals(recorded.get("matrix").get(i).get(j).asText(), cell.getText(), labels.get(i) + "→" + labels.get(j));
            }
        }
        assertEquals(labels.size(), driver.findElements(By.cssSelector("#per-class tbody tr")).size());
        noErrorShown();
        shoot("02-run-confusion-matrix.png");

        // compare the two, then only what differs
        open("/#/compare?runs=fs-1,fs-2");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compare-table")));
        int all = visibleRows("#compare-table");
        driver.findElement(By.id("only-diff")).click();
        int differing = visibleRows("#compare-table");
        assertTrue(differing < all && differing > 0, differing + " of " + all);
        assertTrue(driver.findElement(By.cssSelector("#compare-table tr[data-field='model_version']")).isDisplayed());
        shoot("03-compare-differences.png");

        // start a training: the token is asked for once
        open("/#/train");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("train-form")));
        new Select(driver.findElement(By.name("dataset"))).selectByValue("skills.csv");
        type("name", "future_skills");
        type("model_version", "fs-3");
        type("n_estimators", "100");
        new Select(driver.findElement(By.name("trainer"))).selectByValue(GatedTrainer.NAME); // holds in its fit until let through
        driver.findElement(By.id("train-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys(TestServer.TOKEN);
        driver.findElement(By.id("token-save")).click();

        // watch it: live progress while it fits, then the finished run
        wait.until(ExpectedConditions.urlContains("#/runs/fs-3"));
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#live li[data-stage='fit']"), "class", "current"));
        assertTrue(driver.findElement(By.cssSelector("#live li[data-stage='split']")).getAttribute("class").contains("done"));
        assertTrue(driver.findElement(By.id("live-status")).getText().contains("RUNNING"));
        shoot("04-training-live-progress.png");
        server.gated.release(1);
        WebElement finished = new WebDriverWait(driver, Duration.ofSeconds(60)).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("confusion")));
        assertTrue(finished.isDisplayed());
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains("SUCCEEDED"), driver.findElement(By.tagName("h1")).getText());
        assertEquals("SUCCEEDED", server.http.get("/api/runs/fs-3").json().get("status").asText());
        noErrorShown();
        shoot("05-trained-run.png");

        // the model page: the metric over time with the alias move marked, then promote fs-3 to a new alias
        open("/#/models/future_skills");
        wait.until(d -> js("const c = window.Chart && Chart.getChart(document.getElementById('metric-chart'));"
                + "return c ? c.data.datasets[0].data.length : 0").equals(3L));
        assertEquals(1L, js("return Chart.getChart(document.getElementById('metric-chart')).options.plugins.aliasLines.marks.length"));
        WebElement alias = driver.findElement(By.id("promote-alias"));
        alias.clear();
        alias.sendKeys("staging");
        driver.findElement(By.cssSelector("button[data-promote='fs-3']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("aliases-table"), "staging"));
        assertFalse(driver.findElement(By.id("token-dialog")).isDisplayed(), "the token was asked for again");
        assertEquals("fs-3", driver.findElement(By.cssSelector("#aliases-table tr[data-alias='staging'] .alias-version")).getText());
        assertEquals("fs-3", server.grove.models().alias("future_skills", "staging").orElseThrow().version());
        wait.until(d -> js("return Chart.getChart(document.getElementById('metric-chart')).options.plugins.aliasLines.marks.length")
                .equals(2L));
        noErrorShown();
        shoot("06-model-chart-promoted.png");

        // phone width: the runs page reflows, nothing wider than the screen but the table, which scrolls
        driver.manage().window().setSize(new Dimension(390, 844));
        open("/#/runs");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#runs-table tbody tr"), 3));
        assertTrue((Long) js("return document.documentElement.scrollWidth") <= (Long) js("return window.innerWidth") + 1,
                "the page scrolls sideways at phone width");
        shoot("07-runs-phone.png");
        open("/#/models/future_skills");
        wait.until(d -> js("const c = window.Chart && Chart.getChart(document.getElementById('metric-chart'));"
                + "return c ? c.data.datasets[0].data.length : 0").equals(3L));
        shoot("08-model-phone.png");
    }

    /**
     * A model's page lists its trigger history newest first (a TRAINED evaluation whose challenger
     * links to its run, an UNCHANGED one before it), with every text as text; a model never
     * evaluated says how to get one. On a server of its own, so the runs above stay as they are.
     */
    @Test
    void aModelPageShowsItsRetrainingHistoryNewestFirst() throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 900));
        try (TestServer r = new TestServer(dir.resolve("retraining"))) {
            r.train("skills", "s-1", 10);
            r.train("quiet", "q-1", 3);
            r.grove.models().setAlias("skills", "production", "s-1", "test", "");
            RetrainPolicy policy = RetrainPolicy.defaults().by("<b>ci</b>");
            TriggerEvaluation same = r.grove.retrainer().check("skills", policy);
            java.nio.file.Path csv = r.data.resolve("skills.csv");
            Files.writeString(csv, Files.readString(csv).replace(",5,", ",4,"));
            TriggerEvaluation trained = r.grove.retrainer().check("skills", policy);
            assertEquals(List.of(RetrainOutcome.UNCHANGED, RetrainOutcome.TRAINED), List.of(same.outcome(), trained.outcome()));
            long challenger = trained.challenger().getAsLong();
            String version = r.runs.findById(challenger).orElseThrow().modelVersion();

            driver.get(r.server.uri() + "#/models/skills");
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#retraining-table tbody tr"), 2));
            List<WebElement> rows = driver.findElements(By.cssSelector("#retraining-table tbody tr"));
            assertEquals("TRAINED", rows.get(0).findElement(By.cssSelector(".outcome")).getText(), "newest first");
            assertEquals("UNCHANGED", rows.get(1).findElement(By.cssSelector(".outcome")).getText());
            assertEquals("new-data", rows.get(0).findElement(By.cssSelector(".fired")).getText());
            List<String> reasons = rows.get(0).findElements(By.cssSelector(".reason")).stream().map(WebElement::getText).toList();
            assertEquals(trained.reasons(), reasons, "one line per reason, as recorded");
            assertEquals(same.reasons().get(0), rows.get(1).findElement(By.cssSelector(".reason")).getText());
            assertEquals("yes", rows.get(0).findElement(By.cssSelector(".promoted")).getText());
            assertEquals("–", rows.get(1).findElement(By.cssSelector(".promoted")).getText());
            assertEquals("–", rows.get(1).findElement(By.cssSelector(".challenger")).getText());
            WebElement actor = rows.get(0).findElement(By.cssSelector(".actor"));
            assertEquals("<b>ci</b>", actor.getText(), "text stays text");
            assertTrue(actor.findElements(By.tagName("b")).isEmpty(), "no markup from the data");
            noErrorShown();
            js("document.getElementById('retraining-table').scrollIntoView()");
            shoot("09-model-retraining.png");

            WebElement link = rows.get(0).findElement(By.cssSelector(".challenger a"));
            assertEquals(version, link.getText());
            link.click();
            wait.until(ExpectedConditions.urlContains("#/runs/" + challenger));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), version));
            noErrorShown();

            driver.get(r.server.uri() + "#/models/quiet");
            WebElement none = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("retraining-empty")));
            assertTrue(none.getText().contains("grove retrain --name quiet") && none.getText().contains("grove serve --retrain quiet"),
                    none.getText());
            noErrorShown();
            js("arguments[0].scrollIntoView()", none);
            shoot("10-model-no-retraining.png");
        }
    }

    private static void type(String name, String text) {
        WebElement e = driver.findElement(By.name(name));
        e.clear();
        e.sendKeys(text);
    }

    private static int visibleRows(String table) {
        return (int) driver.findElements(By.cssSelector(table + " tbody tr")).stream().filter(WebElement::isDisplayed).count();
    }
}
