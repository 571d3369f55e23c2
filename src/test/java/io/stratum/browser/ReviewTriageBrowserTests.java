package io.stratum.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.ReviewEverything;
import io.stratum.StratumIntegrationTest;
import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approver's view, in Debian's Chromium: log in to Tasklist, open the Review triage task, see the AI's proposal
 * in the rendered Camunda Form, change the topic, complete — and the correction lands in the retraining store.
 */
@StratumIntegrationTest
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=true")
@Import(ReviewEverything.class)
class ReviewTriageBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;
    @Autowired
    RetrainingStore store;

    @Test
    void approverCorrectsTheTopicInTasklist() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> res = http.withBasicAuth("demo", "demo").postForEntity("/api/inquiries",
                new HttpEntity<>(json.writeValueAsString(Map.of("channel", "web", "from", "max@globex.example",
                        "subject", "Parcel not delivered", "body", "My parcel with order 5531 has not arrived yet, "
                                + "the tracking number shows no update for a week.")), headers), String.class);
        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode accepted = json.readTree(res.getBody());
        String pi = accepted.path("processInstanceId").asText();
        Task task = awaitTask(pi);
        String proposed = (String) tasks.getVariable(task.getId(), "proposedTopic");
        String corrected = proposed.equals("returns") ? "shipping" : "returns";

        try (Browser browser = new Browser()) {
            try {
                browser.loginToCamunda("http://127.0.0.1:" + port, "tasklist", "approver", "approver");
                browser.press(browser.waitFor(By.xpath("//a[contains(normalize-space(.), 'Review triage')]"),
                        Duration.ofSeconds(60)));
                browser.press(browser.waitFor(By.xpath("//button[normalize-space(.)='Claim']"),
                        Duration.ofSeconds(30)));

                // The AI's proposal is visible in the rendered Camunda Form
                WebElement proposal = browser.waitFor(By.xpath(
                        "//label[normalize-space(.)='Proposed topic']/following::input[1]"), Duration.ofSeconds(30));
                assertThat(proposal.getAttribute("value")).isEqualTo(proposed);
                assertThat(browser.driver.findElement(By.xpath("//label[starts-with(normalize-space(.), 'Topic')]"
                        + "/following::*[contains(@class, 'fjs-select-display')][1]")).getText()).isEqualTo(proposed);

                // Change the topic in the select, give a reason, complete
                browser.press(browser.driver.findElement(By.xpath("//label[starts-with(normalize-space(.), 'Topic')]"
                        + "/following::*[contains(@class, 'fjs-select-display')][1]")));
                browser.press(browser.waitFor(By.xpath("//*[contains(@class, 'fjs-dropdownlist-item')]"
                        + "[normalize-space(.)='" + corrected + "']"), Duration.ofSeconds(10)));
                browser.type(browser.driver.findElement(By.xpath(
                        "//label[starts-with(normalize-space(.), 'Reason')]/following::input[1]")),
                        "browser test: it is about a return");
                browser.screenshot("review-triage-form");
                WebElement complete = browser.waitFor(By.xpath("//button[normalize-space(.)='Complete']"),
                        Duration.ofSeconds(10));
                new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10))
                        .until(d -> complete.isEnabled());
                browser.press(complete);

                Feedback feedback = awaitFeedback(pi);
                assertThat(feedback.predicted()).isEqualTo(proposed);
                assertThat(feedback.corrected()).isEqualTo(corrected);
                assertThat(feedback.actor()).isEqualTo("approver");
                assertThat(feedback.reason()).isEqualTo("browser test: it is about a return");
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("review-triage-failure");
                throw e;
            }
        }
    }

    private Task awaitTask(String pi) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(end)) {
            Task t = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("ReviewTriage").singleResult();
            if (t != null) {
                return t;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no ReviewTriage task for " + pi);
    }

    private Feedback awaitFeedback(String pi) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(end)) {
            Optional<Feedback> f = store.feedback("support-topic", 50).stream()
                    .filter(x -> pi.equals(x.processInstanceId())).findFirst();
            if (f.isPresent()) {
                return f.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no feedback for " + pi);
    }
}
