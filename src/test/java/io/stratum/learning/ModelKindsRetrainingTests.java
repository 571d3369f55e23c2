package io.stratum.learning;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import io.stratum.ingestion.document.TestDocuments;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.intelligence.invoice.InvoiceModelBootstrap;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import io.stratum.intelligence.maintenance.FailurePrediction;
import io.stratum.intelligence.maintenance.FailurePredictor;
import io.stratum.intelligence.maintenance.MachineSample;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retraining loop for the models that are not text classifiers, in one running server (real engine, real DJL
 * training): technicians' visit outcomes retrain the failure model, verified invoices retrain the invoice field model;
 * each challenger goes through model-retraining (jobs run one by one here), a model owner approves, and the new
 * version serves without a restart. Small training sets keep it quick.
 */
@StratumIntegrationTest
@TestPropertySource(properties = {
        "stratum.learning.kinds.failure-bootstrap-examples=3000",
        // The invoice challenger starts from the champion's generated invoices and reads them as well (both near
        // 100 %): with no margin an equally good challenger is offered, so the test reaches the promotion.
        "stratum.learning.margin=0"})
class ModelKindsRetrainingTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    RetrainingStore store;
    @Autowired
    ModelRegistry registry;
    @Autowired
    FailurePredictor predictor;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    IdentityService identity;
    @Autowired
    org.camunda.bpm.engine.HistoryService history;
    ServerCalls server;

    @BeforeEach
    void calls() {
        server = new ServerCalls(http);
    }

    @Test
    void technicianOutcomesRetrainTheFailureModelAndTheNewVersionServesTheNextPrediction() throws Exception {
        // Given the failure model's version 1 from first start, in the registry API
        String model = FailurePredictor.MODEL;
        JsonNode listed = server.get("demo", "/api/models");
        assertThat(listed.findValuesAsText("name")).contains(model, InvoiceModelBootstrap.MODEL);
        JsonNode detail = server.get("demo", "/api/models/" + model);
        assertThat(detail.path("kind").asText()).isEqualTo("failure");
        int champion = detail.path("championVersion").asInt();
        assertThat(champion).isEqualTo(1);
        MachineSample hotAir = MachineSample.unlabelled("L", 305.8, 315.9, 1500, 40, 90);
        FailurePrediction before = predictor.predict(hotAir);
        assertThat(before.modelVersion()).isEqualTo(champion);
        assertThat(before.predictedFailure()).as("the physics the bootstrap data knows sees no failure").isFalse();

        // ...and technicians reporting faults on type-L machines running in hot air (a mechanism the generated data
        // does not know), and no fault on the same machines in normal air, as ReportVisitOutcome records them
        Random random = new Random(5);
        Instant t = Instant.now().minusSeconds(3600);
        for (int i = 0; i < 60; i++) {
            boolean hot = i % 2 == 0;
            double air = hot ? 305.2 + random.nextDouble() * 1.2 : 297 + random.nextDouble() * 4;
            String reading = String.format(Locale.ROOT, "{\"airTemperature\":%.1f,\"processTemperature\":%.1f,"
                            + "\"rotationalSpeed\":%d,\"torque\":%.1f,\"toolWear\":%d,\"measuredAt\":\"%s\"}",
                    air, air + 9.8 + random.nextDouble() * 0.6, 1420 + random.nextInt(200),
                    36 + random.nextDouble() * 8, 20 + random.nextInt(130), t.plusSeconds(i));
            store.record(new Feedback(null, model, champion, FailureFeedback.input("L", reading), "failure",
                    hot ? FailureFeedback.FAILURE : FailureFeedback.NONE, "dispatcher", null, t.plusSeconds(i),
                    "predictive-maintenance/ReportVisitOutcome", "failure:case-" + i, null));
        }

        // When a model owner retrains it through the API and approves the challenger
        int challenger = retrainAndApprove(model, "learns the hot-air failures");

        // Then the new version serves the next prediction, without a restart, and sees the failure
        assertThat(challenger).isGreaterThan(champion);
        FailurePrediction after = predictor.predict(hotAir);
        assertThat(after.modelVersion()).isEqualTo(challenger);
        assertThat(after.predictedFailure()).isTrue();
        assertThat(predictor.predict(MachineSample.unlabelled("L", 299.0, 309.2, 1500, 40, 90)).predictedFailure())
                .isFalse();
        ModelVersion v = registry.versions(model).get(challenger - 1);
        assertThat(v.metrics()).containsEntry("kind", "failure").containsKey("f1");
        assertThat(v.trainingData()).contains("3000 generated readings").contains("48 visit outcomes");

        // And a rollback puts version 1 back at once
        JsonNode rolledBack = server.post("demo", "/api/models/" + model + "/rollback",
                Map.of("reason", "test"));
        assertThat(rolledBack.path("championVersion").asInt()).isEqualTo(champion);
        assertThat(predictor.predict(hotAir).modelVersion()).isEqualTo(champion);
    }

    @Test
    void verifiedInvoicesRetrainTheInvoiceFieldModel() throws Exception {
        // Given invoices in the document inbox whose fields a person verified (one feedback record per field, as
        // the VerifyInvoice task files them)
        String model = InvoiceModelBootstrap.MODEL;
        int champion = registry.champion(model).version();
        InvoiceGenerator generator = new InvoiceGenerator(4711);
        Instant t = Instant.now().minusSeconds(3600);
        for (int d = 0; d < 6; d++) {
            InvoiceGenerator.Generated invoice = generator.next();
            String documentId = upload(invoice.pdf());
            Instant at = t.plusSeconds(d);
            verifiedFields(invoice.truth()).forEach((field, value) -> store.record(new Feedback(null, model,
                    champion, "document=" + documentId + "; field=" + field, value, value, "analyst", null, at,
                    "invoice-processing/VerifyInvoice", "invoice:" + documentId + "/" + field, null)));
        }

        // When a model owner retrains it and approves
        int challenger = retrainAndApprove(model, "verified invoices");

        // Then the new invoice-fields version serves, trained on the verified documents read from the inbox
        assertThat(challenger).isGreaterThan(champion);
        assertThat(registry.champion(model).version()).isEqualTo(challenger);
        JsonNode detail = server.get("demo", "/api/models/" + model);
        assertThat(detail.path("championVersion").asInt()).isEqualTo(challenger);
        ModelVersion v = registry.versions(model).get(challenger - 1);
        assertThat(((Number) v.metrics().get("verifiedInvoices")).intValue()).isGreaterThanOrEqualTo(4);
        assertThat(v.metrics()).containsEntry("kind", "invoice-fields");
    }

    /** Starts model-retraining by the API, runs its jobs, checks the evaluation, approves as demo. */
    private int retrainAndApprove(String model, String comment) {
        ResponseEntity<String> started = http.withBasicAuth("demo", "demo").postForEntity(
                "/api/models/" + model + "/retrain", null, String.class);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String pi = ServerCalls.parse(started.getBody()).path("processInstanceId").asText();
        Task approval = null;
        for (int round = 0; round < 10 && approval == null; round++) {
            for (Job job : management.createJobQuery().processInstanceId(pi).list()) {
                management.executeJob(job.getId());
            }
            approval = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("ApproveModelPromotion")
                    .singleResult();
            if (runtime.createProcessInstanceQuery().processInstanceId(pi).count() == 0) {
                throw new AssertionError("retraining of " + model + " ended without approval: " + history
                        .createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("evaluationVerdict")
                        .list().stream().map(v -> String.valueOf(v.getValue())).toList());
            }
        }
        assertThat(approval).as("approval task").isNotNull();
        assertThat(tasks.getVariable(approval.getId(), "evaluationVerdict").toString()).contains("is better");
        JsonNode progress = server.get("analyst", "/api/models/" + model + "/retraining");
        assertThat(progress.path("lastTraining").path("outcome").asText()).isEqualTo("trained");
        int challenger = ((Number) tasks.getVariable(approval.getId(), "challengerVersion")).intValue();
        identity.setAuthentication("demo", List.of("camunda-admin", "model-owners"));
        try {
            tasks.claim(approval.getId(), "demo");
            tasks.complete(approval.getId(), Map.of("promotionDecision", "approve", "promotionComment", comment));
        } finally {
            identity.clearAuthentication();
        }
        for (Job job : management.createJobQuery().processInstanceId(pi).list()) {
            management.executeJob(job.getId()); // the calibration step: nothing to calibrate for these kinds
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
        return challenger;
    }

    /** The model-read fields as the verify task files them (dates ISO, amounts with two decimals). */
    private static Map<String, String> verifiedFields(InvoiceFields f) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("invoiceNumber", f.invoiceNumber());
        m.put("issueDate", f.issueDate() == null ? null : f.issueDate().toString());
        m.put("dueDate", f.dueDate() == null ? null : f.dueDate().toString());
        m.put("sellerName", f.sellerName());
        m.put("buyerName", f.buyerName());
        m.put("purchaseOrderRef", f.purchaseOrderRef());
        m.put("netAmount", f.netAmount() == null ? null : f.netAmount().setScale(2, RoundingMode.HALF_UP).toPlainString());
        m.put("taxAmount", f.taxAmount() == null ? null : f.taxAmount().setScale(2, RoundingMode.HALF_UP).toPlainString());
        m.put("total", f.total() == null ? null : f.total().setScale(2, RoundingMode.HALF_UP).toPlainString());
        m.replaceAll((k, v) -> v == null ? "" : v);
        return m;
    }

    private String upload(byte[] pdf) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("multipart/form-data; boundary=retrain"));
        ResponseEntity<String> res = http.withBasicAuth("demo", "demo").postForEntity("/api/invoices",
                new HttpEntity<>(TestDocuments.multipart("retrain", "file", "invoice.pdf", "application/pdf", pdf),
                        headers), String.class);
        assertThat(res.getStatusCode().is2xxSuccessful()).as(res.getBody()).isTrue();
        return ServerCalls.parse(res.getBody()).path("documentId").asText();
    }
}
