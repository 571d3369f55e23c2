package io.stratum.insight;

import io.stratum.ServerCalls;
import org.junit.jupiter.api.BeforeEach;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.ReviewEverything;
import io.stratum.StratumIntegrationTest;
import io.stratum.action.http.LocalApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.stratum.ServerCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real server: a triage run through REST, the engine's job executor and a person's review, then Stratum's
 * meters in /actuator/prometheus; the OpenAPI description; a new process built from the "Classify text" element
 * template, deployed through /engine-rest/deployment/create as Camunda Modeler does and run to its end; one composed
 * from "Predict", "Call HTTP API" (against a real HTTP server on 127.0.0.1) and "Create/update record"; telemetry
 * counted; every metric the Grafana dashboard queries exposed.
 */
@StratumIntegrationTest
// Spring Boot tests replace metric exporters by a simple registry unless asked: this one checks the real endpoint.
@AutoConfigureObservability(tracing = false)
@Import(ReviewEverything.class)
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=true",
        // "Call HTTP API" may reach the test's own HTTP server only; its token comes from configuration
        "stratum.http-call.allowed-hosts=127.0.0.1", "stratum.http-call.secrets.cmms-token=cmms-s3cret",
        // a smaller bootstrap failure model for "Predict" (trained on first use)
        "stratum.failure-model.bootstrap-examples=4000", "stratum.failure-model.epochs=15"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InsightIntegrationTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROCESS = "support-triage";
    static final Path TEMPLATES = Path.of("deployment/modeler/element-templates/stratum.json");
    static final Path GENERIC = Path.of("deployment/modeler/element-templates/stratum-generic.json");

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
    ManagementService management;

    @Test
    @Order(1)
    void aTriageRunShowsUpInPrometheusWithItsTags() throws Exception {
        JsonNode accepted = server.post("demo", "/api/inquiries", Map.of("channel", "web", "from", "jane@acme.example",
                "subject", "Charged twice", "body", "My credit card was charged twice for invoice 4711. "
                        + "Please refund the duplicate payment.", "externalId", "insight-" + UUID.randomUUID()),
                HttpStatus.ACCEPTED);
        String inquiryId = accepted.path("inquiryId").asText();
        String pi = accepted.path("processInstanceId").asText();

        Task task = await("review task", Duration.ofSeconds(120), () -> tasks.createTaskQuery().processInstanceId(pi)
                .taskDefinitionKey("ReviewTriage").singleResult());
        // the review waits past its SLA: make the boundary timer due now, the job executor fires it
        Job sla = management.createJobQuery().processInstanceId(pi).timers().singleResult();
        management.setJobDuedate(sla.getId(), new Date(System.currentTimeMillis() - 1000));
        await("SLA escalation", Duration.ofSeconds(60),
                () -> management.createJobQuery().processInstanceId(pi).timers().count() == 0);

        String proposed = server.get("approver", "/engine-rest/task/" + task.getId() + "/form-variables")
                .path("topic").path("value").asText();
        String corrected = proposed.equals("account") ? "billing" : "account";
        server.post("approver", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "approver"),
                HttpStatus.NO_CONTENT);
        server.post("approver", "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Map.of(
                "topic", Map.of("value", corrected), "urgency", Map.of("value", "high"),
                "reply", Map.of("value", "We will refund the duplicate charge."),
                "overrideReason", Map.of("value", "insight test"))), HttpStatus.NO_CONTENT);
        await("inquiry done", Duration.ofSeconds(60),
                () -> "DONE".equals(server.get("demo", "/api/inquiries/" + inquiryId).path("status").asText()));

        String metrics = await("process end counted", Duration.ofSeconds(10), () -> {
            String body = scrape("auditor");
            return sum(body, "stratum_process_instance_duration_seconds_count",
                    Map.of("process", PROCESS, "state", "completed")) >= 1 ? body : null;
        });
        // kept for people reading the test output
        java.nio.file.Files.createDirectories(Path.of("target/insight"));
        java.nio.file.Files.writeString(Path.of("target/insight/prometheus-after-triage.txt"), metrics);
        assertThat(sum(metrics, "stratum_process_instances_started_total", Map.of("process", PROCESS))).isEqualTo(1);
        assertThat(sum(metrics, "stratum_process_instance_duration_seconds_bucket",
                Map.of("process", PROCESS, "le", "+Inf"))).isEqualTo(1);
        assertThat(sum(metrics, "stratum_user_tasks_opened_total", Map.of("process", PROCESS, "task", "ReviewTriage")))
                .isEqualTo(1);
        assertThat(sum(metrics, "stratum_user_task_duration_seconds_count",
                Map.of("process", PROCESS, "task", "ReviewTriage"))).isEqualTo(1);
        assertThat(sum(metrics, "stratum_sla_breaches_total",
                Map.of("process", PROCESS, "activity", "Event_ReviewSlaBreached"))).isEqualTo(1);
        assertThat(sum(metrics, "stratum_ai_decisions_total",
                Map.of("model", "support-topic", "label", proposed, "process", PROCESS))).isEqualTo(1);
        assertThat(sum(metrics, "stratum_ai_decisions_total", Map.of("model", "support-urgency"))).isEqualTo(1);
        assertThat(metrics).containsPattern("stratum_ai_decisions_total\\{[^}]*version=\"\\d+\"");
        assertThat(sum(metrics, "stratum_ai_decision_confidence_count", Map.of("model", "support-topic")))
                .isEqualTo(1);
        assertThat(sum(metrics, "stratum_ai_decision_confidence_bucket", Map.of("model", "support-topic",
                "le", "1.0"))).isEqualTo(1);
        assertThat(sum(metrics, "stratum_ai_reviews_total", Map.of("model", "support-topic"))).isEqualTo(1);
        assertThat(sum(metrics, "stratum_ai_overrides_total", Map.of("model", "support-topic"))).isEqualTo(1);
        // override rates per model version
        assertThat(metrics).containsPattern("stratum_ai_overrides_total\\{[^}]*model=\"support-topic\"[^}]*version=\"\\d+\"")
                .containsPattern("stratum_ai_reviews_total\\{[^}]*model=\"support-topic\"[^}]*version=\"\\d+\"");
        assertThat(sum(metrics, "stratum_inbox_backlog", Map.of("status", "REVIEW"))).isZero();
        assertThat(sum(metrics, "camunda_engine_metric_total", Map.of("metric", "root-process-instance-start")))
                .isGreaterThanOrEqualTo(1);
        assertThat(sum(metrics, "camunda_engine_metric_total", Map.of("metric", "executed-decision-elements")))
                .isGreaterThanOrEqualTo(1);

        // Metrics are for auditors and admins, not for every user
        assertThat(http.withBasicAuth("demo", "demo").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("analyst", "analyst").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    @Order(2)
    void openApiDescribesStratumsOwnApiToSignedInUsers() throws Exception {
        JsonNode docs = server.get("analyst", "/v3/api-docs");
        List<String> paths = new ArrayList<>();
        docs.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/inquiries", "/api/models", "/api/audit/decisions");
        assertThat(paths).allMatch(p -> p.startsWith("/api/"));
        assertThat(docs.path("components").path("securitySchemes").path("basic").path("scheme").asText())
                .isEqualTo("basic");
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> ui = http.withBasicAuth("approver", "approver")
                .getForEntity("/swagger-ui/index.html", String.class);
        assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ui.getBody()).contains("Swagger UI");
        assertThat(http.withBasicAuth("approver", "approver").getForEntity("/swagger-ui.html", String.class)
                .getStatusCode().is2xxSuccessful()).isTrue(); // redirect followed to the UI
    }

    @Test
    @Order(3)
    void anAnalystDeploysAProcessBuiltFromTheClassifyTextTemplateAsModelerDoes() throws Exception {
        String key = "insight-classify-" + UUID.randomUUID().toString().substring(0, 8);
        String bpmn = ModelerDiagram.classifyTextProcess(key, TEMPLATES, Map.of(
                "model", "support-topic", "text", "${message}", "resultVariable", "verdict"));

        deployAsModeler("analyst", key, bpmn);

        JsonNode started = server.post("analyst", "/engine-rest/process-definition/key/" + key + "/start", Map.of(
                "variables", Map.of("message", Map.of("value",
                        "I was charged twice on my credit card, please refund one payment")),
                "withVariablesInReturn", true), HttpStatus.OK);
        assertThat(started.path("ended").asBoolean()).as(started.toString()).isTrue();
        JsonNode variables = started.path("variables");
        assertThat(variables.path("verdictLabel").path("value").asText()).isNotBlank();
        assertThat(variables.path("verdictConfidence").path("value").asDouble()).isBetween(0.0, 1.0);
        JsonNode decision = JSON.readTree(variables.path("verdict").path("value").asText());
        assertThat(decision.path("model").asText()).isEqualTo("support-topic");
        assertThat(decision.path("decisionId").asText()).isNotBlank();

        String metrics = scrape("auditor");
        assertThat(sum(metrics, "stratum_process_instance_duration_seconds_count", Map.of("process", key,
                "state", "completed"))).isEqualTo(1);
        assertThat(sum(metrics, "stratum_ai_decisions_total", Map.of("model", "support-topic", "process", key)))
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void anUnknownModelInAnAsyncStepBecomesACountedIncident() throws Exception {
        String key = "insight-incident-" + UUID.randomUUID().toString().substring(0, 8);
        String bpmn = ModelerDiagram.classifyTextProcess(key, TEMPLATES, Map.of("model", "no-such-model",
                "text", "${message}", "resultVariable", "verdict", "camunda:asyncBefore", "true"));
        deployAsModeler("analyst", key, bpmn);
        server.post("analyst", "/engine-rest/process-definition/key/" + key + "/start", Map.of("variables",
                Map.of("message", Map.of("value", "hello"))), HttpStatus.OK);

        String metrics = await("incident counted", Duration.ofSeconds(60), () -> {
            String body = scrape("auditor");
            return sum(body, "stratum_incidents_opened_total", Map.of("process", key, "type", "failedJob",
                    "activity", "Activity_Classify")) == 1 ? body : null;
        });
        assertThat(sum(metrics, "stratum_process_instances_started_total", Map.of("process", key))).isEqualTo(1);
    }

    @Test
    @Order(20) // last: the other tests make the meters it looks for
    void everyMetricTheGrafanaDashboardQueriesIsExposed() throws Exception {
        JsonNode dashboard = JSON.readTree(Path.of("deployment/grafana/stratum-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(v -> {
            if (v.has("definition")) {
                queries.add(v.path("definition").asText());
            }
        });
        assertThat(queries).hasSizeGreaterThan(10);

        String metrics = scrape("auditor");
        Set<String> exposed = new TreeSet<>();
        Matcher sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE).matcher(metrics);
        while (sample.find()) {
            exposed.add(sample.group(1));
        }
        Set<String> queried = new TreeSet<>();
        for (String query : queries) {
            Matcher name = Pattern.compile("\\b((?:stratum|camunda)_[a-z0-9_]+)\\b").matcher(query);
            while (name.find()) {
                queried.add(name.group(1));
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(10);
        assertThat(queried.stream().filter(n -> !exposed.contains(n)).toList())
                .as("dashboard metrics missing from /actuator/prometheus").isEmpty();
    }

    @Test
    @Order(6)
    void aReviewBuiltFromTheRequestReviewTemplateFilesFeedback() throws Exception {
        String key = "insight-review-" + UUID.randomUUID().toString().substring(0, 8);
        String bpmn = ModelerDiagram.classifyAndReviewProcess(key, TEMPLATES,
                Map.of("model", "support-topic", "text", "${message}", "resultVariable", "verdict"),
                // no form in this one-file deployment: the review is completed through the REST API
                Map.of("camunda:formRef", "", "reviewedDecisions", "verdict=label"));
        deployAsModeler("analyst", key, bpmn);
        String pi = server.post("analyst", "/engine-rest/process-definition/key/" + key + "/start", Map.of("variables",
                Map.of("message", Map.of("value", "Please reset my password, I cannot log in"))), HttpStatus.OK)
                .path("id").asText();

        Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Activity_Review");
        String proposed = (String) tasks.getVariable(task.getId(), "verdictLabel");
        String corrected = "billing".equals(proposed) ? "account" : "billing";
        server.post("approver", "/engine-rest/task/" + task.getId() + "/complete", Map.of("variables",
                Map.of("label", Map.of("value", corrected))), HttpStatus.NO_CONTENT);

        JsonNode mine = null;
        for (JsonNode f : server.get("auditor", "/api/feedback?model=support-topic")) {
            if (pi.equals(f.path("processInstanceId").asText())) {
                mine = f;
            }
        }
        assertThat(mine).as("feedback filed for " + pi).isNotNull();
        assertThat(mine.path("predicted").asText()).isEqualTo(proposed);
        assertThat(mine.path("corrected").asText()).isEqualTo(corrected);
        assertThat(mine.path("actor").asText()).isEqualTo("approver");
    }

    @Test
    @Order(7)
    void anAnalystComposesPredictCallHttpApiAndRecordIntoAProcessThatRunsEndToEnd() throws Exception {
        try (LocalApi cmms = new LocalApi()) {
            String key = "insight-generic-" + UUID.randomUUID().toString().substring(0, 8);
            String bpmn = ModelerDiagram.chain(key, "Assess a machine reading", List.of(
                    // the template's default features read productType, airTemperature, ... from the instance
                    new ModelerDiagram.Step("bpmn:serviceTask", "Activity_Predict", "Predict failure", GENERIC,
                            "io.stratum.predict", Map.of()),
                    new ModelerDiagram.Step("bpmn:serviceTask", "Activity_NotifyCmms", "Notify maintenance system",
                            GENERIC, "io.stratum.call-http-api", Map.of("method", "POST", "url", cmms.url("/echo"),
                            "headers", "Authorization: Bearer {{secret:cmms-token}}",
                            "body", "{\"asset\": \"${assetId}\", \"risk\": \"${predictionLabel}\"}",
                            "resultVariable", "cmms")),
                    new ModelerDiagram.Step("bpmn:serviceTask", "Activity_RecordRisk", "Record the risk", GENERIC,
                            "io.stratum.upsert-record", Map.of("recordType", "asset-risk", "recordKey", "${assetId}",
                            "data", "{\"label\": \"${predictionLabel}\", \"confidence\": ${predictionConfidence}, "
                                    + "\"cmmsStatus\": ${cmmsStatus}}"))));
            deployAsModeler("analyst", key, bpmn);

            String assetId = "M-" + UUID.randomUUID().toString().substring(0, 8);
            // heat dissipation: 7 K between air and process at 1300 rpm
            Map<String, Object> variables = Map.of("assetId", Map.of("value", assetId),
                    "productType", Map.of("value", "L"), "airTemperature", Map.of("value", 302.0),
                    "processTemperature", Map.of("value", 309.0), "rotationalSpeed", Map.of("value", 1300),
                    "torque", Map.of("value", 60), "toolWear", Map.of("value", 20));
            String pi = server.post("analyst", "/engine-rest/process-definition/key/" + key + "/start",
                    Map.of("variables", variables), HttpStatus.OK).path("id").asText();
            // "Call HTTP API" is asynchronous (the template's default): the job executor finishes the instance
            await("generic process completed", Duration.ofSeconds(90), () -> "COMPLETED".equals(
                    server.get("analyst", "/engine-rest/history/process-instance/" + pi).path("state").asText()));

            assertThat(cmms.received).hasSize(1);
            LocalApi.Received call = cmms.received.get(0);
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.headers().get("Authorization")).containsExactly("Bearer cmms-s3cret");
            assertThat(JSON.readTree(call.body())).isEqualTo(JSON.readTree(
                    "{\"asset\":\"" + assetId + "\",\"risk\":\"failure\"}"));

            JsonNode record = server.get("analyst", "/api/records/asset-risk/" + assetId);
            assertThat(record.path("version").asLong()).isEqualTo(1);
            assertThat(record.path("data").path("label").asText()).isEqualTo("failure");
            assertThat(record.path("data").path("confidence").asDouble()).isBetween(0.5, 1.0);
            assertThat(record.path("data").path("cmmsStatus").asInt()).isEqualTo(200);
            assertThat(server.get("auditor", "/api/records/asset-risk/" + assetId).path("key").asText())
                    .isEqualTo(assetId);
            ResponseEntity<String> missing = http.withBasicAuth("analyst", "analyst")
                    .getForEntity("/api/records/asset-risk/no-such-asset", String.class);
            assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

            JsonNode decisions = server.get("auditor", "/api/audit/decisions?processInstanceId=" + pi);
            assertThat(decisions).hasSize(1);
            assertThat(decisions.get(0).path("model").asText()).isEqualTo("maintenance-failure");
            assertThat(decisions.get(0).path("activityId").asText()).isEqualTo("Activity_Predict");
            assertThat(decisions.get(0).path("output").asText()).isEqualTo("failure");
            assertThat(decisions.get(0).path("modelVersion").asInt()).isPositive();

            String metrics = scrape("auditor");
            assertThat(sum(metrics, "stratum_ai_decisions_total", Map.of("model", "maintenance-failure",
                    "process", key, "label", "failure"))).isEqualTo(1);
            assertThat(sum(metrics, "stratum_process_instance_duration_seconds_count", Map.of("process", key,
                    "state", "completed"))).isEqualTo(1);
        }
    }

    @Test
    @Order(8)
    void telemetryReadingsAreCountedBySourceAndOutcome() throws Exception {
        String batch = """
                [{"assetId": "M-1002", "airTemperature": 298.5, "processTemperature": 308.9,
                  "rotationalSpeed": 1550, "torque": 40, "toolWear": 30},
                 {"assetId": "M-1002", "airTemperature": 298.5, "processTemperature": 308.9,
                  "rotationalSpeed": 1550, "torque": 999, "toolWear": 30}]""";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> res = http.withBasicAuth("demo", "demo").postForEntity("/api/telemetry",
                new HttpEntity<>(batch, headers), String.class);
        assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(HttpStatus.OK);
        String metrics = scrape("auditor");
        assertThat(sum(metrics, "stratum_telemetry_readings_total", Map.of("source", "http", "outcome", "accepted")))
                .isEqualTo(1);
        assertThat(sum(metrics, "stratum_telemetry_readings_total", Map.of("source", "http", "outcome", "rejected")))
                .isEqualTo(1);
    }

    // --- helpers

    void deployAsModeler(String user, String name, String bpmn) throws Exception {
        // what Camunda Modeler sends: multipart form with name, source, changed-only flag and the diagram file
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", name);
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", "true");
        form.add("data", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name + ".bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> deployed = http.withBasicAuth(user, user)
                .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
        assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(deployed.getBody()).path("deployedProcessDefinitions").size()).isEqualTo(1);
    }

    String scrape(String user) {
        ResponseEntity<String> res = http.withBasicAuth(user, user).getForEntity("/actuator/prometheus", String.class);
        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.OK);
        return res.getBody();
    }

    /** Sum of the samples of one metric whose labels include the given ones; -1 when there is none. */
    static double sum(String exposition, String name, Map<String, String> labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{([^}]*)})?\\s+(\\S+)", Pattern.MULTILINE);
        Matcher m = line.matcher(exposition);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            Map<String, String> sample = parseLabels(m.group(2) == null ? "" : m.group(2));
            if (sample.entrySet().containsAll(labels.entrySet())) {
                total += Double.parseDouble(m.group(3));
                found = true;
            }
        }
        return found ? total : -1;
    }

    static Map<String, String> parseLabels(String labels) {
        Map<String, String> map = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(labels);
        while (m.find()) {
            map.put(m.group(1), m.group(2));
        }
        return map;
    }
}
