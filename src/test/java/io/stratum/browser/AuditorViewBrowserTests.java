package io.stratum.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.ReviewEverything;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's view, end to end: a real triage instance goes to review, the approver overrides the AI's topic
 * through Camunda's REST API; then, in Debian's Chromium, the auditor signs in to /audit/, finds the instance, reads
 * its timeline and the AI decision card with the override, and downloads the exports; an approver is refused. The
 * same server answers the history and bias API checks, and its log output (INFO, Stratum at DEBUG) must not carry
 * the customer's e-mail address or message.
 */
@StratumIntegrationTest
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=true", "logging.level.root=INFO",
        "logging.level.io.stratum=DEBUG"})
@Import(ReviewEverything.class)
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditorViewBrowserTests {

    static final String EMAIL = "erin.auditcase@globex.example";
    static final String BODY = "Quokka-lantern 4471: my parcel never arrived and the tracking page shows nothing.";
    static final String REASON = "audit test: the customer asks about a missing parcel";

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;

    ServerCalls calls;
    String inquiryId;
    String pi;
    String proposed;
    String corrected;

    @BeforeAll
    void triageWithAnOverride() throws Exception {
        calls = new ServerCalls(http);
        JsonNode accepted = calls.submitInquiry(Map.of("channel", "web", "from", EMAIL,
                "subject", "Where is my parcel", "body", BODY));
        inquiryId = accepted.path("inquiryId").asText();
        pi = accepted.path("processInstanceId").asText();
        Task task = ServerCalls.await("review task", Duration.ofSeconds(120), () -> tasks.createTaskQuery()
                .processInstanceId(pi).taskDefinitionKey("ReviewTriage").singleResult());
        proposed = (String) tasks.getVariable(task.getId(), "proposedTopic");
        corrected = proposed.equals("returns") ? "shipping" : "returns";

        // The approver works the task as Tasklist would: claim, then complete with the corrected topic
        calls.post("approver", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "approver"));
        calls.post("approver", "/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Map.of(
                "topic", Map.of("value", corrected), "overrideReason", Map.of("value", REASON))));
        ServerCalls.await("instance end", Duration.ofSeconds(120), () -> history
                .createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count() == 1);
        // a marker through the same logging path: proves the log output of the run was captured
        org.slf4j.LoggerFactory.getLogger("io.stratum.audit-test").info("triage {} finished", pi);
    }

    @Test
    void auditorFindsTheInstanceReadsTheOverrideAndExportsIt() throws Exception {
        String base = "http://127.0.0.1:" + port;
        Path downloads = Files.createDirectories(Path.of("target", "downloads", "audit"));
        try (var old = Files.list(downloads)) {
            old.forEach(p -> p.toFile().delete());
        }
        try (Browser browser = new Browser()) {
            ((ChromeDriver) browser.driver).executeCdpCommand("Browser.setDownloadBehavior", Map.of(
                    "behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
            try {
                signIn(browser, base, "auditor");
                browser.waitFor(By.id("app"), Duration.ofSeconds(30));

                // Search by business key (the inquiry id) and open the instance
                browser.type(browser.driver.findElement(By.id("business-key")), inquiryId);
                browser.press(browser.driver.findElement(By.id("search")));
                browser.press(browser.waitFor(By.xpath("//a[@class='instance-link'][normalize-space(.)='" + pi
                        + "']"), Duration.ofSeconds(30)));

                // The AI decision card shows the model's answer and the approver's override with the reason
                WebElement card = browser.waitFor(By.xpath("//div[contains(@class, 'decision-card')]"
                        + "[.//h4[starts-with(normalize-space(.), 'support-topic v')]]"), Duration.ofSeconds(30));
                assertThat(card.getAttribute("class")).contains("overridden");
                assertThat(card.findElement(By.className("ai-output")).getText()).isEqualTo(proposed);
                assertThat(card.findElement(By.className("final-value")).getText()).isEqualTo(corrected);
                assertThat(card.findElement(By.className("final-actor")).getText()).isEqualTo("approver");
                assertThat(card.findElement(By.className("final-reason")).getText()).isEqualTo(REASON);
                assertThat(card.findElement(By.className("confidence")).getText()).matches("0\\.\\d{3}|1\\.000");
                assertThat(card.findElement(By.className("alternatives")).getText()).contains("=");

                // The timeline names who completed the review task
                String timeline = browser.driver.findElement(By.id("timeline")).getText();
                assertThat(timeline).contains("Review triage").contains("completed by approver")
                        .contains("overridden: " + proposed + " -> " + corrected);
                browser.screenshot("audit-instance");

                // Exports: the instance record as CSV, the search result as JSON
                browser.press(browser.driver.findElement(By.id("instance-csv")));
                String csv = Files.readString(awaitFile(downloads.resolve("process-instance-" + pi + ".csv")));
                assertThat(csv).startsWith("time,end,kind,element,name,actor,detail")
                        .contains("completed by approver").contains(REASON);
                browser.press(browser.driver.findElement(By.id("export-json")));
                JsonNode found = ServerCalls.parse(Files.readString(awaitFile(downloads.resolve(
                        "process-instances.json"))));
                assertThat(found).hasSize(1);
                assertThat(found.get(0).path("id").asText()).isEqualTo(pi);
                assertThat(found.get(0).path("state").asText()).isEqualTo("COMPLETED");

                // Bias monitoring of the topic model, per segment
                browser.press(browser.driver.findElement(By.xpath("//button[@data-tab='bias-panel']")));
                browser.type(browser.waitFor(By.id("bias-model"), Duration.ofSeconds(10)), "support-topic");
                browser.press(browser.driver.findElement(By.id("bias-run")));
                new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> d.findElement(
                        By.id("bias-summary")).getText().contains("decisions"));
                assertThat(browser.driver.findElement(By.id("bias-table")).getText())
                        .contains("customerTier = gold").contains("channel = web");
                browser.screenshot("audit-bias");

                // An approver may not read the audit view
                browser.press(browser.driver.findElement(By.id("sign-out")));
                signIn(browser, base, "approver");
                WebElement refused = browser.waitFor(By.id("sign-in-error"), Duration.ofSeconds(30));
                assertThat(refused.getText()).contains("do not allow");
                assertThat(browser.driver.findElement(By.id("app")).isDisplayed()).isFalse();
                browser.screenshot("audit-approver-refused");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("audit-failure");
                throw e;
            }
        }
    }

    @Test
    void historyAndBiasApi() {
        JsonNode byKey = calls.get("auditor", "/api/history/instances?businessKey=" + inquiryId);
        assertThat(byKey).hasSize(1);
        assertThat(byKey.get(0).path("processDefinitionKey").asText()).isEqualTo("support-triage");

        // filters: process, user (completed a task), date range, state
        assertThat(ids("/api/history/instances?process=support-triage&user=approver")).contains(pi);
        assertThat(ids("/api/history/instances?user=nobody")).isEmpty();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(ids("/api/history/instances?from=" + today.minusDays(1) + "&to=" + today.plusDays(1)))
                .contains(pi);
        assertThat(ids("/api/history/instances?from=" + today.plusDays(2))).doesNotContain(pi);
        assertThat(ids("/api/history/instances?state=finished")).contains(pi);
        assertThat(ids("/api/history/instances?state=running")).doesNotContain(pi);

        // the instance record: task completed by the approver, the topic changed, the DMN, the AI decisions
        JsonNode record = calls.get("demo", "/api/history/instances/" + pi); // admins too
        assertThat(record.path("tasks").findValuesAsText("completedBy")).contains("approver");
        assertThat(StreamSupport.stream(record.path("variables").spliterator(), false)
                .anyMatch(v -> v.path("name").asText().equals("topic") && v.path("value").asText().equals(corrected)))
                .isTrue();
        assertThat(record.path("ruleDecisions").findValuesAsText("decisionKey")).contains("support-priority");
        JsonNode topic = StreamSupport.stream(record.path("aiDecisions").spliterator(), false)
                .filter(d -> d.path("model").asText().equals("support-topic")).findFirst().orElseThrow();
        assertThat(topic.path("overridden").asBoolean()).isTrue();
        assertThat(topic.path("finalActor").asText()).isEqualTo("approver");
        assertThat(topic.path("finalReason").asText()).isEqualTo(REASON);

        // exports
        ResponseEntity<String> csv = http.withBasicAuth("auditor", "auditor")
                .getForEntity("/api/history/instances?businessKey=" + inquiryId + "&format=csv", String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("process-instances.csv");
        assertThat(csv.getBody()).startsWith("id,processDefinitionKey").contains(pi + ",support-triage");

        // bad input is a problem naming the parameter; unknown instance 404
        assertProblem("/api/history/instances?from=25.11.2026", HttpStatus.BAD_REQUEST, "from");
        assertProblem("/api/history/instances?state=open", HttpStatus.BAD_REQUEST, "state");
        assertProblem("/api/history/instances?format=xml", HttpStatus.BAD_REQUEST, "format");
        assertProblem("/api/history/instances?max=0", HttpStatus.BAD_REQUEST, "max");
        assertProblem("/api/history/instances/no-such-instance", HttpStatus.NOT_FOUND, null);

        // auditors and admins only; the page itself is public and holds no data
        for (String user : new String[]{"approver", "analyst"}) {
            assertThat(http.withBasicAuth(user, user).getForEntity("/api/history/instances", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(http.withBasicAuth(user, user).getForEntity("/api/audit/bias?model=support-topic",
                    String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(http.getForEntity("/api/history/instances", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> page = http.getForEntity("/audit/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Stratum · Audit");

        // bias: per model and segment
        JsonNode bias = calls.get("auditor", "/api/audit/bias?model=support-urgency");
        assertThat(bias.path("decisions").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(bias.path("favourableOutcomes").toString()).contains("high").contains("critical");
        assertThat(bias.path("segments").findValuesAsText("key")).contains("customerTier", "channel");
        assertThat(bias.path("segments").findValuesAsText("value")).contains("gold", "web");
        assertThat(http.withBasicAuth("auditor", "auditor").getForEntity("/api/audit/bias", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void personalDataStaysOutOfTheLog(CapturedOutput output) {
        // the triage ran (with review) while the output was captured, at INFO and Stratum's DEBUG
        assertThat(output.getAll()).contains("triage " + pi + " finished");
        assertThat(output.getAll()).doesNotContain(EMAIL).doesNotContain("Quokka-lantern");
    }

    private java.util.List<String> ids(String path) {
        return calls.get("auditor", path).findValuesAsText("id");
    }

    private void assertProblem(String path, HttpStatus status, String field) {
        ResponseEntity<String> res = http.withBasicAuth("auditor", "auditor").getForEntity(path, String.class);
        assertThat(res.getStatusCode()).as(path).isEqualTo(status);
        assertThat(res.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        if (field != null) {
            assertThat(ServerCalls.parse(res.getBody()).path("field").asText()).isEqualTo(field);
        }
    }

    private static void signIn(Browser browser, String base, String user) {
        browser.driver.get(base + "/audit/");
        browser.type(browser.waitFor(By.id("user"), Duration.ofSeconds(30)), user);
        browser.type(browser.driver.findElement(By.id("password")), user);
        browser.press(browser.driver.findElement(By.id("sign-in-button")));
    }

    private static Path awaitFile(Path file) throws InterruptedException {
        return ServerCalls.await(file.toString(), Duration.ofSeconds(30), () -> Files.isRegularFile(file)
                && !Files.exists(Path.of(file + ".crdownload")) ? file : null);
    }
}
