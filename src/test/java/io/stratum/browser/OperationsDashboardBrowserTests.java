package io.stratum.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.ReviewEverything;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations leader's view in Debian's Chromium: four real triage runs (every decision reviewed), one review past
 * its SLA, three reviews completed (one topic corrected); the dashboard at /ops/ as {@code leader} shows the API's
 * numbers, draws its charts with that data, lists the bias check per model and picks up a fourth completion by
 * itself; an approver is refused.
 */
@StratumIntegrationTest
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=true", "stratum.insight.refresh-interval=PT2S"})
@Import(ReviewEverything.class)
class OperationsDashboardBrowserTests {

    static final String TRIAGE = "support-triage";
    static final List<String> BODIES = List.of(
            "My credit card was charged twice for invoice 4711, please refund the duplicate payment.",
            "I cannot log in to my account, the password reset mail never arrives.",
            "My parcel with order 5531 has not arrived yet, tracking shows no update for a week.",
            "The app crashes every time I open the settings page after the last update.");

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;

    @Test
    void leaderSeesTheFiguresAndChartsApproverIsRefused() throws Exception {
        ServerCalls calls = new ServerCalls(http);
        List<String> instances = new ArrayList<>();
        for (String body : BODIES) {
            instances.add(calls.submitInquiry(Map.of("channel", "web", "from", "ops@acme.example",
                    "subject", "Dashboard test", "body", body, "externalId", "ops-" + UUID.randomUUID()))
                    .path("processInstanceId").asText());
        }
        List<Task> reviews = new ArrayList<>();
        for (String pi : instances) {
            reviews.add(ServerCalls.await("review of " + pi, Duration.ofSeconds(180), () -> tasks.createTaskQuery()
                    .processInstanceId(pi).taskDefinitionKey("ReviewTriage").singleResult()));
        }
        // the first review waits past its SLA: the job executor fires the boundary timer once it is due
        Job sla = management.createJobQuery().processInstanceId(instances.get(0)).timers().singleResult();
        management.setJobDuedate(sla.getId(), new Date(System.currentTimeMillis() - 1000));
        ServerCalls.await("SLA escalation", Duration.ofSeconds(60),
                () -> management.createJobQuery().processInstanceId(instances.get(0)).timers().count() == 0);
        // three reviews: the first corrects the topic, the others keep the AI's proposal; the fourth stays open
        for (int i = 0; i < 3; i++) {
            review(calls, reviews.get(i), i == 0);
        }
        ServerCalls.await("three triage instances completed", Duration.ofSeconds(120),
                () -> triage(calls.get("leader", "/api/insight/processes")).path("completed").asLong() == 3);

        // The API as the page reads it
        JsonNode processes = calls.get("leader", "/api/insight/processes?window=PT24H");
        JsonNode triage = triage(processes);
        assertThat(triage.path("started").asLong()).isEqualTo(4);
        assertThat(triage.path("running").asLong()).isEqualTo(1);
        assertThat(triage.path("cycleTime").path("count").asLong()).isEqualTo(3);
        assertThat(triage.path("cycleTime").path("p90").asDouble()).isPositive();
        assertThat(sum(triage.path("buckets"), "completed")).isEqualTo(3);
        assertThat(triage.path("buckets")).hasSize(24);
        assertThat(processes.path("bucketSeconds").asLong()).isEqualTo(3600);

        JsonNode work = calls.get("leader", "/api/insight/work");
        assertThat(work.path("openTasks").asLong()).isEqualTo(1);
        assertThat(work.path("slaBreaches").asLong()).isEqualTo(1);
        assertThat(work.path("tasks").get(0).path("taskKey").asText()).isEqualTo("ReviewTriage");
        assertThat(work.path("breaches").get(0).path("activityId").asText()).isEqualTo("Event_ReviewSlaBreached");

        JsonNode bottlenecks = calls.get("leader", "/api/insight/bottlenecks?limit=5");
        List<String> slowest = new ArrayList<>();
        bottlenecks.path("activities").forEach(a -> slowest.add(a.path("activityId").asText()));
        assertThat(slowest).hasSizeLessThanOrEqualTo(5).contains("ReviewTriage");

        JsonNode models = calls.get("leader", "/api/insight/models");
        JsonNode topic = model(models, "support-topic");
        assertThat(topic.path("reviewed").asLong()).isEqualTo(3);
        assertThat(topic.path("overridden").asLong()).isEqualTo(1);
        assertThat(topic.path("versions").get(0).path("accuracyOnReviewed").asDouble()).isEqualTo(0.6667);
        assertThat(topic.path("drift").asText()).isEqualTo("insufficient-data"); // 3 items are too few to judge
        assertThat(model(models, "support-urgency").path("overridden").asLong()).isZero();

        // Who may see it
        assertThat(calls.get("auditor", "/api/insight/work").path("openTasks").asLong()).isEqualTo(1);
        assertThat(calls.get("demo", "/api/insight").path("refreshSeconds").asLong()).isEqualTo(2);
        assertThat(status("approver", "/api/insight/processes")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("analyst", "/ops/")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/insight/work", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> bad = http.withBasicAuth("leader", "leader")
                .getForEntity("/api/insight/processes?window=yesterday", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ServerCalls.parse(bad.getBody()).path("field").asText()).isEqualTo("window");

        // The page as the leader sees it
        try (Browser browser = new Browser()) {
            try {
                // what a person typing into the browser's sign-in prompt does: the browser keeps the credentials
                // for this server and answers its challenges with them (the page itself has no login code)
                browser.driver.get("http://leader:leader@127.0.0.1:" + port + "/ops/");
                browser.driver.get("http://127.0.0.1:" + port + "/ops/");
                waitForText(browser, "kpi-completed", "3");
                assertThat(text(browser, "kpi-started")).isEqualTo("4");
                assertThat(text(browser, "kpi-running")).isEqualTo("1");
                assertThat(text(browser, "kpi-open-tasks")).isEqualTo("1");
                assertThat(text(browser, "kpi-sla-breaches")).isEqualTo("1");
                waitForText(browser, "kpi-override-rate", "16.7 %"); // 1 of 6 reviewed decisions (topic + urgency)

                // every chart draws on a canvas, with the API's data in it
                for (String chart : List.of("chart-throughput", "chart-cycle", "chart-tasks", "chart-bottlenecks",
                        "chart-models")) {
                    assertThat(browser.driver.findElements(By.cssSelector("#" + chart + " canvas")))
                            .as(chart).isNotEmpty();
                }
                assertThat(seriesSum(browser, "chart-throughput", "Support inquiry triage completed")).isEqualTo(3);
                assertThat(seriesSum(browser, "chart-tasks", "open")).isEqualTo(1);
                assertThat(seriesCount(browser, "chart-cycle")).isEqualTo(3);
                assertThat(seriesCount(browser, "chart-models")).isEqualTo(2);
                assertThat(text(browser, "table-drift")).contains("support-topic", "insufficient-data");
                assertThat(text(browser, "table-tasks")).contains("Review triage");
                assertThat(text(browser, "table-breaches")).contains("Review SLA breached");
                // bias flags per model from the auditors' four-fifths check (too few decisions here to flag any)
                assertThat(text(browser, "bias")).contains("support-topic", "support-urgency")
                        .doesNotContain("not available");
                assertThat(text(browser, "status")).startsWith("updated");
                browser.driver.manage().window().setSize(new Dimension(1400, 2300)); // the whole page
                browser.screenshot("operations-dashboard");

                // auto-refresh: the last review completes while the page is open
                review(calls, reviews.get(3), false);
                waitForText(browser, "kpi-completed", "4");
                waitForText(browser, "kpi-open-tasks", "0");
                assertThat(text(browser, "kpi-running")).isEqualTo("0");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("operations-dashboard-failure");
                throw e;
            }
        }

        // An approver gets the refusal, not the page
        try (Browser browser = new Browser()) {
            browser.driver.get("http://approver:approver@127.0.0.1:" + port + "/ops/");
            new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .until(d -> d.getPageSource().contains("Your groups do not allow this call"));
            assertThat(browser.driver.findElements(By.id("kpi-completed"))).isEmpty();
            browser.screenshot("operations-dashboard-approver-refused");
        }
    }

    void review(ServerCalls calls, Task task, boolean correctTopic) {
        JsonNode form = calls.get("approver", "/engine-rest/task/" + task.getId() + "/form-variables");
        String topic = form.path("topic").path("value").asText();
        String urgency = form.path("urgency").path("value").asText();
        if (correctTopic) {
            topic = topic.equals("billing") ? "account" : "billing";
        }
        calls.post("approver", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "approver"),
                HttpStatus.NO_CONTENT);
        calls.post("approver", "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Map.of(
                "topic", Map.of("value", topic), "urgency", Map.of("value", urgency),
                "reply", Map.of("value", "Thank you, we are on it."),
                "overrideReason", Map.of("value", correctTopic ? "dashboard test: wrong topic" : ""))),
                HttpStatus.NO_CONTENT);
    }

    HttpStatus status(String user, String path) {
        return HttpStatus.valueOf(http.withBasicAuth(user, user).getForEntity(path, String.class)
                .getStatusCode().value());
    }

    static JsonNode triage(JsonNode processes) {
        for (JsonNode p : processes.path("processes")) {
            if (TRIAGE.equals(p.path("key").asText())) {
                return p;
            }
        }
        throw new AssertionError("no " + TRIAGE + " in " + processes);
    }

    static JsonNode model(JsonNode models, String name) {
        for (JsonNode m : models.path("models")) {
            if (name.equals(m.path("model").asText())) {
                return m;
            }
        }
        throw new AssertionError("no " + name + " in " + models);
    }

    static long sum(JsonNode array, String field) {
        long total = 0;
        for (JsonNode n : array) {
            total += n.path(field).asLong();
        }
        return total;
    }

    static String text(Browser browser, String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    static void waitForText(Browser browser, String id, String expected) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(120)).withMessage(() -> "#" + id + " = '"
                        + browser.driver.findElement(By.id(id)).getText() + "', status: "
                        + browser.driver.findElement(By.id("status")).getText())
                .until(d -> expected.equals(d.findElement(By.id(id)).getText()));
    }

    /** Sum of one series' data as ECharts holds it (what the chart draws). */
    static long seriesSum(Browser browser, String chart, String series) {
        Object sum = ((JavascriptExecutor) browser.driver).executeScript("""
                const s = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series
                  .find(x => x.name === arguments[1]);
                return s ? s.data.reduce((a, b) => a + (b || 0), 0) : -1;""", chart, series);
        return ((Number) sum).longValue();
    }

    static long seriesCount(Browser browser, String chart) {
        Object n = ((JavascriptExecutor) browser.driver).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series.length;",
                chart);
        return ((Number) n).longValue();
    }
}
