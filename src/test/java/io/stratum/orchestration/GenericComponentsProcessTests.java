package io.stratum.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.action.http.HttpApi;
import io.stratum.action.http.HttpCallSettings;
import io.stratum.action.http.InMemoryHttpAnswers;
import io.stratum.action.http.LocalApi;
import io.stratum.action.record.RecordConflictException;
import io.stratum.action.record.Records;
import io.stratum.action.record.StoredRecord;
import io.stratum.intelligence.PredictSettings;
import io.stratum.intelligence.TabularModels;
import io.stratum.intelligence.maintenance.FailureModelSettings;
import io.stratum.intelligence.maintenance.FailurePredictor;
import io.stratum.intelligence.maintenance.FailureTabularModel;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The generic components on a real in-memory engine, in diagrams shaped as Modeler writes them from the templates:
 * "Call HTTP API" against a real HTTP server on 127.0.0.1 (success, BPMN error, retries per failedJobRetryTimeCycle
 * into an incident, a host off the allow-list), "Create/update record" (the store is a mock here; RecordStoreTests
 * covers it on the real schema) and "Predict" with the real failure model.
 */
class GenericComponentsProcessTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
    static LocalApi api;
    static FailurePredictor predictor;

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    ProcessEngine engine;
    final Records records = mock(Records.class);
    final io.stratum.action.Mailer mailer = mock(io.stratum.action.Mailer.class);
    final List<Object> events = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        api = new LocalApi();
        // a small bootstrap: the same model code as in service, trained in seconds
        // No anomaly scoring here, so the baselines' database is never touched.
        predictor = new FailurePredictor(new FailureModelSettings(4000, 16, 15, 128, 0.005, 7, 0.02, 20),
                new io.stratum.intelligence.maintenance.AnomalyBaselines(
                        org.mockito.Mockito.mock(org.springframework.jdbc.core.simple.JdbcClient.class),
                        org.mockito.Mockito.mock(org.springframework.transaction.PlatformTransactionManager.class)));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void wire() {
        engine = extension.getProcessEngine();
        init(engine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        HttpApi http = new HttpApi(new HttpCallSettings(List.of("127.0.0.1:" + api.port()),
                Map.of("api-token", "t0ken-xyz"), Duration.ofSeconds(5), Duration.ofSeconds(30),
                DataSize.ofKilobytes(64), Duration.ofDays(30)));
        Mocks.register("callHttpApiDelegate", new CallHttpApiDelegate(http, new InMemoryHttpAnswers()));
        Mocks.register("upsertRecordDelegate", new UpsertRecordDelegate(records));
        Mocks.register("sendEmailDelegate", new SendEmailDelegate(mailer));
        Mocks.register("predictDelegate", new PredictDelegate(new TabularModels(
                List.of(new FailureTabularModel(predictor)), new PredictSettings(Map.of("maintenance-failure", 0.8))),
                events::add));
    }

    @AfterEach
    void cleanUp() {
        Mocks.reset();
        ClockUtil.reset();
        reset();
    }

    // --- Call HTTP API

    @Test
    void aSuccessfulCallStoresTheAnswerAndSendsTheSecretOnlyOnTheWire() throws Exception {
        deploy(httpProcess("httpOk", Map.of("method", "POST", "url", api.url("/echo"),
                "headers", "Authorization: Bearer {{secret:api-token}}\nX-Case: ${caseId}",
                "body", "{\"asset\": \"${assetId}\", \"risk\": ${risk}}", "resultVariable", "response")));
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("httpOk",
                Variables.putValue("assetId", "A-7").putValue("risk", 0.83).putValue("caseId", "C-1"));
        assertThat(pi).isWaitingAt("Call"); // asyncBefore, as the template recommends
        engine.getManagementService().executeJob(job(pi).getId());

        assertThat(pi).hasPassed("Done").isEnded();
        JsonNode response = JSON.readTree(((JsonValue) engine.getHistoryService()
                .createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("response")
                .singleResult().getTypedValue()).getValueSerialized());
        assertThat(response.path("status").asInt()).isEqualTo(200);
        assertThat(response.path("body").path("received").path("asset").asText()).isEqualTo("A-7");
        assertThat(response.path("body").path("received").path("risk").asDouble()).isEqualTo(0.83);
        assertThat(variable(pi, "responseStatus")).isEqualTo(200);
        LocalApi.Received sent = api.received.get(api.received.size() - 1);
        assertThat(sent.headers().get("Authorization")).containsExactly("Bearer t0ken-xyz");
        assertThat(sent.headers().get("X-case")).containsExactly("C-1");
        // a POST says which step of which instance it is, so a retried request can be recognised
        assertThat(sent.headers().get("Idempotency-key")).containsExactly(pi.getId() + ":Call");
        engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list()
                .forEach(v -> assertThat(String.valueOf(v.getValue())).doesNotContain("t0ken-xyz"));
    }

    @Test
    void aStepRetriedAfterItsJobRolledBackReusesTheAnswerInsteadOfPostingAgain() throws Exception {
        // Call and the step after it run in one job; the step fails once, so the job's transaction (with the
        // answer's variables) rolls back after the POST went out
        AtomicInteger afterRuns = new AtomicInteger();
        Mocks.register("failOnceDelegate", (JavaDelegate) execution -> {
            if (afterRuns.incrementAndGet() == 1) {
                throw new IllegalStateException("the ticket system is down");
            }
        });
        ServiceTaskBuilder task = Bpmn.createExecutableProcess("httpThenFail").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("Call").camundaDelegateExpression("${callHttpApiDelegate}")
                .camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R2/PT5M");
        Map.of("method", "POST", "url", api.url("/echo"), "body", "{\"order\": \"${orderId}\"}",
                "resultVariable", "response").forEach(task::camundaInputParameter);
        deploy(task.serviceTask("After").camundaDelegateExpression("${failOnceDelegate}").endEvent("Done").done());
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("httpThenFail",
                Variables.putValue("orderId", "O-42"));

        String first = job(pi).getId();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(first))
                .hasMessageContaining("the ticket system is down");
        engine.getManagementService().executeJob(job(pi).getId());

        assertThat(pi).hasPassed("Call", "After", "Done").isEnded();
        assertThat(api.received.stream().filter(r -> String.valueOf(r.headers().get("Idempotency-key"))
                .contains(pi.getId() + ":Call")).count()).as("requests the API saw").isEqualTo(1);
        JsonNode response = JSON.readTree(((JsonValue) engine.getHistoryService()
                .createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("response")
                .singleResult().getTypedValue()).getValueSerialized());
        assertThat(response.path("body").path("received").path("order").asText()).isEqualTo("O-42");
        assertThat(variable(pi, "responseStatus")).isEqualTo(200);
    }

    @Test
    void aClientErrorBecomesTheConfiguredBpmnError() {
        deploy(httpProcess("httpRefused", Map.of("method", "GET", "url", api.url("/status/422"),
                "resultVariable", "response", "errorCode", "ApiRefused")));
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("httpRefused");
        engine.getManagementService().executeJob(job(pi).getId());

        assertThat(pi).hasPassed("Refused", "EndRefused").hasNotPassed("Done").isEnded();
        assertThat(variable(pi, "responseStatus")).isEqualTo(422);
        assertThat(api.received.get(api.received.size() - 1).headers()).doesNotContainKey("Idempotency-key");
    }

    @Test
    void aServerErrorWithoutErrorCodeIsRetriedPerTheRetryCycleThenAnIncidentSaysWhy() {
        deploy(httpProcess("httpDown", Map.of("method", "POST", "url", api.url("/status/503"),
                "body", "{\"n\": 1}", "resultVariable", "response")));
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("httpDown");
        int attempts = 0;
        Job job = job(pi);
        while (job != null && job.getRetries() > 0) {
            String id = job.getId();
            assertThatThrownBy(() -> engine.getManagementService().executeJob(id))
                    .hasMessageContaining("answered 503");
            attempts++;
            job = job(pi);
            if (job.getRetries() > 0) {
                // the template's advice R2/PT5M: the next try is five minutes later, not at once
                assertThat(job.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
            }
        }
        assertThat(attempts).as("R2: two attempts in all (Camunda counts the first)").isEqualTo(2);
        // both attempts carried the same Idempotency-Key: an API that honours it acts once
        assertThat(api.received.stream().filter(r -> r.path().equals("/status/503"))
                .map(r -> r.headers().get("Idempotency-key")).distinct().toList())
                .containsExactly(List.of(pi.getId() + ":Call"));
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Call");
        assertThat(incident.getIncidentMessage()).contains("Activity 'Call': POST " + api.url("/status/503")
                + " answered 503: ").contains("refused by the test API");
        assertThat(pi).isWaitingAt("Call");
    }

    @Test
    void aHostOffTheAllowListIsAnIncidentWithoutAnyRequest() {
        String url = api.url("/echo").replace("127.0.0.1", "localhost");
        deploy(httpProcess("httpForbidden", Map.of("method", "GET", "url", url, "resultVariable", "response",
                "errorCode", "ApiRefused")));
        int before = api.received.size();
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("httpForbidden");
        Job job = job(pi);
        while (job != null && job.getRetries() > 0) {
            String id = job.getId();
            assertThatThrownBy(() -> engine.getManagementService().executeJob(id))
                    .hasMessageContaining("not on the allow-list");
            job = job(pi);
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult()
                .getIncidentMessage()).contains("localhost:" + api.port(), "stratum.http-call.allowed-hosts");
        assertThat(api.received).hasSize(before);
        assertThat(pi).hasNotPassed("Refused"); // a modelling error is no business answer
    }

    // --- Send e-mail

    @Test
    void aMailWithoutKeyIsKeyedByInstanceAndStepSoARetryMailsOnce() {
        deploy(mailProcess("mailOne", false));
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("mailOne",
                Variables.putValue("recipient", "ann@acme.example"));

        assertThat(pi).hasPassed("Done").isEnded();
        verify(mailer).send("mail:" + pi.getId() + ":Mail", "ann@acme.example", "Visit planned",
                "See you on Monday");
    }

    @Test
    void aMultiInstanceMailStepMailsEachRecipientUnderItsOwnKey() {
        deploy(mailProcess("mailMany", true));
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("mailMany",
                Variables.putValue("recipients", List.of("ann@acme.example", "bob@acme.example", "cy@acme.example")));

        assertThat(pi).hasPassed("Done").isEnded();
        // One key for all three made the outbox send the first and return it for the others: two mails lost
        for (int i = 0; i < 3; i++) {
            verify(mailer).send(eq("mail:" + pi.getId() + ":Mail:" + i),
                    eq(List.of("ann@acme.example", "bob@acme.example", "cy@acme.example").get(i)), anyString(),
                    anyString());
        }
    }

    @Test
    void aMailStepWithoutRecipientIsAnIncidentNamingTheInput() {
        deploy(Bpmn.createExecutableProcess("mailNobody").camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Mail").camundaDelegateExpression("${sendEmailDelegate}").camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle("R1/PT1M").camundaInputParameter("subject", "Hello")
                .endEvent("Done").done());
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("mailNobody");
        String id = job(pi).getId();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(id))
                .hasMessageContaining("Activity 'Mail' needs the input parameter 'to'");
        org.mockito.Mockito.verifyNoInteractions(mailer);
    }

    // --- Create/update record

    @Test
    void aRecordIsUpsertedWithTheDataTheDiagramDescribes() throws Exception {
        when(records.upsert(eq("asset-risk"), eq("A-7"), any(), isNull())).thenAnswer(call -> new StoredRecord(
                "asset-risk", "A-7", call.getArgument(2), 3, NOW, NOW));
        deploy(recordProcess("recordOk", Map.of("recordType", "asset-risk", "recordKey", "${assetId}",
                "data", "{\"risk\": \"${level}\", \"p\": ${p}}", "resultVariable", "record")));
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("recordOk",
                Variables.putValue("assetId", "A-7").putValue("level", "high").putValue("p", 0.91)
                        .putValue("data", "a process variable of the same name must not leak in"));

        assertThat(pi).hasPassed("Done").isEnded();
        assertThat(variable(pi, "recordVersion")).isEqualTo(3L);
        org.mockito.ArgumentCaptor<ObjectNode> data = org.mockito.ArgumentCaptor.forClass(ObjectNode.class);
        verify(records).upsert(eq("asset-risk"), eq("A-7"), data.capture(), isNull());
        assertThat(data.getValue()).isEqualTo(JSON.readTree("{\"risk\":\"high\",\"p\":0.91}"));
    }

    @Test
    void aStaleExpectedVersionIsTheRecordConflictError() {
        when(records.upsert(any(), any(), any(), eq(2L))).thenThrow(
                new RecordConflictException("order O-1 is at version 3, expected 2"));
        deploy(recordProcess("recordConflict", Map.of("recordType", "order", "recordKey", "O-1",
                "data", "{\"n\": 1}", "expectedVersion", "2")));
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("recordConflict");
        assertThat(pi).hasPassed("Conflict").hasNotPassed("Done").isEnded();
    }

    @Test
    void dataThatIsNoJsonObjectFailsTheStepReadably() {
        deploy(recordProcess("recordBad", Map.of("recordType", "order", "recordKey", "O-1", "data", "[1, 2]")));
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("recordBad"))
                .hasMessageContaining("Activity 'Record': input parameter 'data' must be a JSON object");
        deploy(recordProcess("recordBroken", Map.of("recordType", "order", "recordKey", "O-1", "data", "{oops")));
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("recordBroken"))
                .hasMessageContaining("'data' is not valid JSON");
    }

    // --- Predict

    @Test
    void aPredictionIsAnAiDecisionWithItsLogEvent() throws Exception {
        deploy(predictProcess("predictOk", """
                productType = ${type}
                airTemperature = ${air}
                processTemperature = ${process}
                rotationalSpeed = ${rpm}
                torque = ${torque}
                toolWear = ${wear}"""));
        // heat dissipation: 7 K between air and process at 1300 rpm
        ProcessInstance risky = engine.getRuntimeService().startProcessInstanceByKey("predictOk", reading("L",
                302.0, 309.0, 1300, 60, 20));
        ProcessInstance healthy = engine.getRuntimeService().startProcessInstanceByKey("predictOk", reading("M",
                298.5, 308.9, 1550, 40, 30));

        JsonNode decision = JSON.readTree(((JsonValue) engine.getHistoryService()
                .createHistoricVariableInstanceQuery().processInstanceId(risky.getId()).variableName("prediction")
                .singleResult().getTypedValue()).getValueSerialized());
        assertThat(decision.path("model").asText()).isEqualTo("maintenance-failure");
        assertThat(decision.path("version").asInt()).isEqualTo(predictor.model().version());
        assertThat(decision.path("label").asText()).isEqualTo("failure");
        assertThat(decision.path("confidence").asDouble()).isGreaterThan(0.5);
        assertThat(decision.path("alternatives").get(0).path("label").asText()).isEqualTo("no-failure");
        assertThat(decision.path("explanation").asText()).contains("failure probability", "HDF");
        assertThat(JSON.readTree(decision.path("input").asText()).path("torque").asText()).isEqualTo("60");
        assertThat(variable(risky, "predictionLabel")).isEqualTo("failure");
        assertThat(variable(healthy, "predictionLabel")).isEqualTo("no-failure");
        assertThat((Boolean) variable(healthy, "predictionConfident")).isTrue();

        assertThat(events).hasSize(2);
        AiDecisionMade made = (AiDecisionMade) events.get(0);
        assertThat(made.decisionId()).isEqualTo(decision.path("decisionId").asText());
        assertThat(made.processDefinitionKey()).isEqualTo("predictOk");
        assertThat(made.activityId()).isEqualTo("Predict");
        assertThat(made.modelVersion()).isEqualTo(decision.path("version").asInt());
        assertThat(made.inputFingerprint()).hasSize(64);
        // another reading, another fingerprint
        assertThat(made.inputFingerprint()).isNotEqualTo(((AiDecisionMade) events.get(1)).inputFingerprint());
    }

    @Test
    void aMissingOrBadFeatureFailsTheStepNamingIt() {
        deploy(predictProcess("predictBad", "productType = L\nairTemperature = 300\nprocessTemperature = 310\n"
                + "rotationalSpeed = 1500\ntoolWear = 10"));
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("predictBad"))
                .hasMessageContaining("Activity 'Predict': Feature 'torque' is missing");
        deploy(predictProcess("predictWrongType", "productType = X\nairTemperature = 300\nprocessTemperature = 310\n"
                + "rotationalSpeed = 1500\ntorque = 40\ntoolWear = 10"));
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("predictWrongType"))
                .hasMessageContaining("Feature 'productType' must be one of [L, M, H]");
        deploy(predictProcess("predictNotNumber", "productType = L\nairTemperature = warm\nprocessTemperature = 310\n"
                + "rotationalSpeed = 1500\ntorque = 40\ntoolWear = 10"));
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("predictNotNumber"))
                .hasMessageContaining("Feature 'airTemperature' must be a number, got 'warm'");
        assertThat(events).isEmpty();
    }

    // --- diagrams

    static BpmnModelInstance httpProcess(String key, Map<String, String> inputs) {
        ServiceTaskBuilder task = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Call").camundaDelegateExpression("${callHttpApiDelegate}").camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle("R2/PT5M");
        inputs.forEach(task::camundaInputParameter);
        return task.endEvent("Done")
                .moveToActivity("Call").boundaryEvent("Refused").error("ApiRefused").endEvent("EndRefused").done();
    }

    static BpmnModelInstance mailProcess(String key, boolean perRecipient) {
        ServiceTaskBuilder task = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Mail").camundaDelegateExpression("${sendEmailDelegate}")
                .camundaInputParameter("subject", "Visit planned").camundaInputParameter("body", "See you on Monday");
        if (perRecipient) {
            // the element variable is the step's "to" (input mappings run before it is set)
            task = task.multiInstance().sequential().camundaCollection("${recipients}").camundaElementVariable("to")
                    .multiInstanceDone();
        } else {
            task = task.camundaInputParameter("to", "${recipient}");
        }
        return task.endEvent("Done").done();
    }

    static BpmnModelInstance recordProcess(String key, Map<String, String> inputs) {
        ServiceTaskBuilder task = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Record").camundaDelegateExpression("${upsertRecordDelegate}");
        inputs.forEach(task::camundaInputParameter);
        return task.endEvent("Done")
                .moveToActivity("Record").boundaryEvent("Conflict").error("RecordConflict").endEvent("EndConflict")
                .done();
    }

    static BpmnModelInstance predictProcess(String key, String features) {
        return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Predict").camundaDelegateExpression("${predictDelegate}")
                .camundaInputParameter("model", "maintenance-failure")
                .camundaInputParameter("features", features)
                .camundaInputParameter("resultVariable", "prediction")
                .endEvent("Done").done();
    }

    void deploy(BpmnModelInstance model) {
        engine.getRepositoryService().createDeployment().addModelInstance("generic.bpmn", model).deploy();
    }

    Job job(ProcessInstance pi) {
        return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
    }

    Object variable(ProcessInstance pi, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(name).singleResult().getValue();
    }

    static Map<String, Object> reading(String type, double air, double process, double rpm, double torque,
                                       double wear) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", type);
        v.put("air", air);
        v.put("process", process);
        v.put("rpm", rpm);
        v.put("torque", (long) torque);
        v.put("wear", wear);
        return v;
    }
}
