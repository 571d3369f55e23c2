package io.stratum.learning;

import io.stratum.ServerCalls;
import org.junit.jupiter.api.BeforeEach;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.ReviewEverything;
import io.stratum.StratumIntegrationTest;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ThresholdOverrides;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.stratum.ServerCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learning loop in one running server: a correction made in the triage review lands in the retraining store
 * (with more feedback written directly, to reach a trainable amount), retraining is started through the API, trains
 * and evaluates for real, a model owner approves, and the next inquiry is decided by the new version, no restart.
 */
@StratumIntegrationTest
@AutoConfigureObservability(tracing = false) // the monitoring gauges in /actuator/prometheus
@Import(ReviewEverything.class)
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=true")
class ModelRetrainingEndToEndTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "support-topic";

    @Autowired
    TestRestTemplate http;
    ServerCalls server;

    @BeforeEach
    void calls() {
        server = new ServerCalls(http);
    }
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
    @Autowired
    ThresholdOverrides overrides;

    @Test
    void reviewedFeedbackTrainsAChallengerThatServesTheNextInquiryOnceApproved() throws Exception {
        // Given a correction made by a person in the triage review...
        String firstPi = submit("Charged twice", "My credit card was charged twice for invoice 4711, please refund.");
        Task review = await("review task", Duration.ofSeconds(120), () -> tasks.createTaskQuery()
                .processInstanceId(firstPi).taskDefinitionKey("ReviewTriage").singleResult());
        String proposed = (String) tasks.getVariable(review.getId(), "topic");
        String corrected = "billing".equals(proposed) ? "account" : "billing";
        server.post("approver", "/engine-rest/task/" + review.getId() + "/submit-form", Map.of("variables", Map.of(
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

        // Then training and evaluation run (the phase visible in the API meanwhile), and the approval waits for a
        // model owner with both models' figures
        Set<String> phases = new LinkedHashSet<>();
        Task approval = await("approval task", Duration.ofSeconds(400), () -> {
            assertThat(runtime.createIncidentQuery().processInstanceId(retrainingPi).list()).as("incidents")
                    .isEmpty();
            phases.add(server.get("analyst", "/api/models/" + MODEL + "/retraining").path("training").asText());
            return tasks.createTaskQuery().processInstanceId(retrainingPi).taskDefinitionKey("ApproveModelPromotion")
                    .singleResult();
        });
        assertThat(phases).as("phases seen while training").anyMatch(ph -> ph.contains("embedding ")
                || ph.contains("training on ") || ph.startsWith("splitting") || ph.startsWith("registering"));
        JsonNode progress = server.get("analyst", "/api/models/" + MODEL + "/retraining");
        assertThat(progress.path("training").asText()).isEqualTo("idle");
        assertThat(progress.path("lastTraining").path("outcome").asText()).isEqualTo("trained");
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
        assertThat(server.get("analyst", "/api/models/" + MODEL + "/threshold").path("modelVersion").asInt())
                .as("the new champion serves with the configured threshold until calibrated").isEqualTo(challenger);
        JsonNode model = server.get("demo", "/api/models/" + MODEL);
        assertThat(model.path("championVersion").asInt()).isEqualTo(challenger);
        String nextPi = submit("My data", "Under GDPR please delete all personal data you hold about me.");
        JsonNode decisions = await("decisions of the next inquiry", Duration.ofSeconds(120), () -> {
            JsonNode d = server.get("auditor", "/api/audit/decisions?processInstanceId=" + nextPi);
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
        JsonNode modelEvents = server.get("auditor", "/api/audit/models/" + MODEL);
        assertThat(modelEvents.get(0).path("kind").asText()).isEqualTo("PROMOTION");
        assertThat(modelEvents.get(0).path("modelVersion").asInt()).isEqualTo(challenger);
        assertThat(modelEvents.get(0).path("actor").asText()).isEqualTo("demo");
        assertThat(modelEvents.get(0).path("reason").asText()).isEqualTo("learns privacy requests");
        assertThat(server.get("auditor", "/api/audit/verify").path("intact").asBoolean()).isTrue();

        // And the monitoring shows both versions' review figures and a threshold derived from the feedback
        JsonNode monitoring = server.get("demo", "/api/models/" + MODEL + "/monitoring");
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

        // And after the promotion the process calibrated the new champion's threshold on the hold-out it never saw:
        // the value in force, its source and when are in the API; a derived value is what the triage gets
        await("retraining ended", Duration.ofSeconds(120), () -> {
            assertThat(runtime.createIncidentQuery().processInstanceId(retrainingPi).list()).as("incidents")
                    .isEmpty();
            return runtime.createProcessInstanceQuery().processInstanceId(retrainingPi).count() == 0;
        });
        JsonNode threshold = server.get("analyst", "/api/models/" + MODEL + "/threshold");
        assertThat(threshold.path("modelVersion").asInt()).isEqualTo(challenger);
        assertThat(threshold.path("since").isNull()).as(threshold.toString()).isFalse();
        assertThat(threshold.path("items").asInt()).isPositive();
        assertThat(threshold.path("configured").asDouble()).isEqualTo(0.85);
        assertThat(threshold.path("threshold").asDouble()).isBetween(0.5, 1.0);
        if ("derived".equals(threshold.path("source").asText())) {
            assertThat(overrides.threshold(MODEL)).hasValue(threshold.path("threshold").asDouble());
            assertThat(kinds(server.get("auditor", "/api/audit/models/" + MODEL))).contains("THRESHOLD");
        } else {
            assertThat(threshold.path("source").asText()).isEqualTo("configured");
            assertThat(threshold.path("threshold").asDouble()).isEqualTo(0.85);
            assertThat(overrides.threshold(MODEL)).isEmpty();
        }
        assertThat(http.withBasicAuth("analyst", "analyst").postForEntity("/api/models/" + MODEL + "/calibrate", null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> calibrated = http.withBasicAuth("demo", "demo").postForEntity("/api/models/" + MODEL
                + "/calibrate", null, String.class);
        assertThat(calibrated.getStatusCode()).as(calibrated.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(calibrated.getBody()).path("changedBy").asText()).isEqualTo("demo");

        // And the monitoring figures per version are Prometheus gauges tagged with model and version
        server.get("demo", "/api/models/" + MODEL + "/monitoring");
        ResponseEntity<String> prometheus = http.withBasicAuth("auditor", "auditor").getForEntity(
                "/actuator/prometheus", String.class);
        assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(prometheus.getBody())
                .contains("stratum_model_override_rate{model=\"" + MODEL + "\",version=\"" + champion + "\"}")
                .contains("stratum_model_reviewed_accuracy{model=\"" + MODEL + "\",version=\"" + champion + "\"}")
                .contains("stratum_model_reviewed_items{model=\"" + MODEL + "\",version=\"" + champion + "\"}")
                .contains("stratum_model_confidence_psi{model=\"" + MODEL + "\",version=\"" + champion + "\"}")
                .contains("stratum_model_threshold{model=\"" + MODEL + "\",version=\"" + challenger + "\"}");

        // And an admin can roll the champion back, live and audited; others cannot, and wrong versions are problems
        assertThat(http.withBasicAuth("analyst", "analyst").postForEntity("/api/models/" + MODEL + "/rollback", null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> unknownVersion = server.postRaw("demo", "/api/models/" + MODEL + "/rollback",
                Map.of("version", 99));
        assertThat(unknownVersion.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownVersion.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(JSON.readTree(unknownVersion.getBody()).path("title").asText()).isEqualTo("Unknown model version");
        assertThat(unknownVersion.getBody()).contains("has no version 99");
        ResponseEntity<String> servingAlready = server.postRaw("demo", "/api/models/" + MODEL + "/rollback",
                Map.of("version", challenger));
        assertThat(servingAlready.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(JSON.readTree(servingAlready.getBody()).path("title").asText()).isEqualTo("Rollback not possible");
        ResponseEntity<String> unknownModel = server.postRaw("demo", "/api/models/no-such-model/rollback", Map.of());
        assertThat(unknownModel.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(JSON.readTree(unknownModel.getBody()).path("title").asText()).isEqualTo("Unknown model");
        ResponseEntity<String> rolledBack = server.postRaw("demo", "/api/models/" + MODEL + "/rollback",
                Map.of("reason", "challenger misroutes refunds"));
        assertThat(rolledBack.getStatusCode()).as(rolledBack.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(rolledBack.getBody()).path("championVersion").asInt()).isEqualTo(champion);
        assertThat(registry.champion(MODEL).version()).isEqualTo(champion);
        assertThat(server.get("analyst", "/api/models/" + MODEL).path("championVersion").asInt()).isEqualTo(champion);
        JsonNode rollbackEntry = null;
        for (JsonNode e : server.get("auditor", "/api/audit/models/" + MODEL)) {
            if (rollbackEntry == null && "ROLLBACK".equals(e.path("kind").asText())) {
                rollbackEntry = e;
            }
        }
        assertThat(rollbackEntry).isNotNull();
        assertThat(rollbackEntry.path("actor").asText()).isEqualTo("demo");
        assertThat(rollbackEntry.path("modelVersion").asInt()).isEqualTo(champion);
        assertThat(rollbackEntry.path("reason").asText()).isEqualTo("challenger misroutes refunds");
        assertThat(rollbackEntry.path("explanation").asText()).isEqualTo("rolled back from v" + challenger);
        assertThat(server.get("analyst", "/api/models/" + MODEL + "/threshold").path("modelVersion").asInt())
                .isEqualTo(champion);
        assertThat(server.get("auditor", "/api/audit/verify").path("intact").asBoolean()).isTrue();
    }

    private static List<String> kinds(JsonNode entries) {
        List<String> out = new java.util.ArrayList<>();
        entries.forEach(e -> out.add(e.path("kind").asText()));
        return out;
    }

    private String submit(String subject, String body) {
        return server.submitInquiry(Map.of("channel", "web", "from", "jane@acme.example", "subject", subject,
                "body", body, "externalId", "learn-" + UUID.randomUUID())).path("processInstanceId").asText();
    }
}
