package io.stratum.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.ReviewEverything;
import io.stratum.StratumIntegrationTest;
import io.stratum.intelligence.ModelRegistry;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learning loop in one running server: a correction made in the triage review lands in the retraining store
 * (with more feedback written directly, to reach a trainable amount), retraining is started through the API, trains
 * and evaluates for real, a model owner approves, and the next inquiry is decided by the new version, no restart.
 */
@StratumIntegrationTest
@Import(ReviewEverything.class)
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=true")
class ModelRetrainingEndToEndTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "support-topic";

    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RetrainingStore store;
    @Autowired
    ModelRegistry registry;

    @Test
    void reviewedFeedbackTrainsAChallengerThatServesTheNextInquiryOnceApproved() throws Exception {
        // Given a correction made by a person in the triage review...
        String firstPi = submit("Charged twice", "My credit card was charged twice for invoice 4711, please refund.");
        Task review = await("review task", Duration.ofSeconds(120), () -> tasks.createTaskQuery()
                .processInstanceId(firstPi).taskDefinitionKey("ReviewTriage").singleResult());
        String proposed = (String) tasks.getVariable(review.getId(), "topic");
        String corrected = "billing".equals(proposed) ? "account" : "billing";
        post("approver", "/engine-rest/task/" + review.getId() + "/submit-form", Map.of("variables", Map.of(
                "topic", Map.of("value", corrected), "urgency", Map.of("value", "normal"),
                "reply", Map.of("value", "We will look into it."), "overrideReason", Map.of("value", "e2e"))));
        await("feedback from the review", Duration.ofSeconds(60), () -> store.feedback(MODEL, 10).stream()
                .anyMatch(f -> firstPi.equals(f.processInstanceId())));
        int champion = registry.champion(MODEL).version();
        // ...and newer feedback teaching a topic the champion has never seen (written directly, like an import)
        Instant t = Instant.now().plusSeconds(1);
        List<String> openings = List.of("Under GDPR please", "I formally request that you", "As is my right, please",
                "Data protection request: please", "Privacy request:");
        List<String> asks = List.of("delete all personal data you hold about me",
                "erase my personal data and confirm the erasure", "send me a copy of all personal data you store",
                "stop processing my personal data for marketing", "tell me which personal data you shared with third parties",
                "remove my personal data from your mailing lists", "export my personal data in a portable format",
                "correct the personal data in my privacy record");
        int n = 0;
        for (String a : asks) {
            for (String o : openings) {
                store.record(new Feedback(null, MODEL, champion, o + " " + a + ".", proposed, "privacy", "analyst",
                        "new topic", t.plusSeconds(n++), "e2e", null, null));
            }
        }

        // When a model owner starts the retraining through the API
        ResponseEntity<String> started = http.withBasicAuth("demo", "demo").postForEntity(
                "/api/models/" + MODEL + "/retrain", null, String.class);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String retrainingPi = JSON.readTree(started.getBody()).path("processInstanceId").asText();
        assertThat(http.withBasicAuth("approver", "approver").postForEntity("/api/models/" + MODEL + "/retrain",
                null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // Then training and evaluation run, and the approval waits for a model owner with both models' figures
        Task approval = await("approval task", Duration.ofSeconds(400), () -> {
            assertThat(runtime.createIncidentQuery().processInstanceId(retrainingPi).list()).as("incidents")
                    .isEmpty();
            return tasks.createTaskQuery().processInstanceId(retrainingPi).taskDefinitionKey("ApproveModelPromotion")
                    .singleResult();
        });
        assertThat(tasks.getVariable(approval.getId(), "evaluationVerdict").toString()).contains("is better");
        int challenger = ((Number) tasks.getVariable(approval.getId(), "challengerVersion")).intValue();
        assertThat(challenger).isGreaterThan(champion);
        assertThat(registry.champion(MODEL).version()).isEqualTo(champion);

        // When demo (model-owners) approves through the engine API
        identity.setAuthentication("demo", List.of("camunda-admin", "model-owners"));
        try {
            tasks.claim(approval.getId(), "demo");
            tasks.complete(approval.getId(), Map.of("promotionDecision", "approve",
                    "promotionComment", "learns privacy requests"));
        } finally {
            identity.clearAuthentication();
        }

        // Then the challenger serves at once, and the next inquiry's decision carries its version
        assertThat(registry.champion(MODEL).version()).isEqualTo(challenger);
        JsonNode model = get("demo", "/api/models/" + MODEL);
        assertThat(model.path("championVersion").asInt()).isEqualTo(challenger);
        String nextPi = submit("My data", "Under GDPR please delete all personal data you hold about me.");
        JsonNode decisions = await("decisions of the next inquiry", Duration.ofSeconds(120), () -> {
            JsonNode d = get("auditor", "/api/audit/decisions?processInstanceId=" + nextPi);
            return d.size() >= 2 ? d : null;
        });
        JsonNode topic = null;
        for (JsonNode d : decisions) {
            if (MODEL.equals(d.path("model").asText())) {
                topic = d;
            }
        }
        assertThat(topic).as(decisions.toString()).isNotNull();
        assertThat(topic.path("modelVersion").asInt()).isEqualTo(challenger);
        assertThat(topic.path("output").asText()).isEqualTo("privacy");

        // And the promotion is in the hash-chained decision log, with who approved it and why
        JsonNode modelEvents = get("auditor", "/api/audit/models/" + MODEL);
        assertThat(modelEvents.get(0).path("kind").asText()).isEqualTo("PROMOTION");
        assertThat(modelEvents.get(0).path("modelVersion").asInt()).isEqualTo(challenger);
        assertThat(modelEvents.get(0).path("actor").asText()).isEqualTo("demo");
        assertThat(modelEvents.get(0).path("reason").asText()).isEqualTo("learns privacy requests");
        assertThat(get("auditor", "/api/audit/verify").path("intact").asBoolean()).isTrue();

        // And the monitoring shows both versions' review figures and a threshold derived from the feedback
        JsonNode monitoring = get("demo", "/api/models/" + MODEL + "/monitoring");
        assertThat(monitoring.path("championVersion").asInt()).isEqualTo(challenger);
        assertThat(monitoring.path("versions")).isNotEmpty();
        assertThat(monitoring.path("targetPrecision").asDouble()).isEqualTo(0.98);
        assertThat(monitoring.path("recentItems").asInt()).isGreaterThanOrEqualTo(41);

        // And a malformed import is refused naming its line, with nothing imported
        HttpHeaders csv = new HttpHeaders();
        csv.setContentType(MediaType.parseMediaType("text/csv"));
        ResponseEntity<String> bad = http.withBasicAuth("demo", "demo").postForEntity("/api/models/" + MODEL
                + "/examples", new HttpEntity<>("text,label\nrefund please,billing\nno label here\n", csv),
                String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(bad.getBody()).path("line").asInt()).isEqualTo(3);
        assertThat(bad.getBody()).contains("Line 3").contains("Nothing was imported");
        ResponseEntity<String> good = http.withBasicAuth("demo", "demo").postForEntity("/api/models/" + MODEL
                + "/examples", new HttpEntity<>("text,label\nrefund please,billing\n", csv), String.class);
        assertThat(good.getStatusCode()).as(good.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(JSON.readTree(good.getBody()).path("imported").asInt()).isEqualTo(1);
    }

    private String submit(String subject, String body) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> res = http.withBasicAuth("demo", "demo").postForEntity("/api/inquiries",
                new HttpEntity<>(JSON.writeValueAsString(Map.of("channel", "web", "from", "jane@acme.example",
                        "subject", subject, "body", body, "externalId", "learn-" + UUID.randomUUID())), headers),
                String.class);
        assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return JSON.readTree(res.getBody()).path("processInstanceId").asText();
    }

    private JsonNode get(String user, String path) {
        ResponseEntity<String> res = http.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(res.getStatusCode()).as(path + " " + res.getBody()).isEqualTo(HttpStatus.OK);
        try {
            return JSON.readTree(res.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(String user, String path, Object body) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> res = http.withBasicAuth(user, user).postForEntity(path,
                new HttpEntity<>(JSON.writeValueAsString(body), headers), String.class);
        assertThat(res.getStatusCode().is2xxSuccessful()).as(path + " " + res.getStatusCode() + " " + res.getBody())
                .isTrue();
    }

    private static <T> T await(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            T value = probe.get();
            if (value != null && !(value instanceof Boolean b && !b)) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
