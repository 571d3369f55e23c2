package io.stratum.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import io.stratum.ingestion.document.TestDocuments;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One generated invoice PDF through the whole real server: upload, PDF text layer, the bootstrap extraction model,
 * the verify task when it is unsure, duplicate register, 3-way match, approvals, payment plan, the payment timer,
 * pain.001 + ledger, remittance notice. Jobs are run one by one here (the test profile's job executor is off); people
 * are played through the TaskService, answering with the generator's truth.
 */
@StratumIntegrationTest
class InvoiceEndToEndTests {

    private static final String BOUNDARY = "e2e-invoice-boundary";

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aGeneratedInvoiceIsExtractedApprovedAndPaidExactlyOnce() throws Exception {
        InvoiceGenerator.Generated invoice = new InvoiceGenerator(20261126L).next();
        InvoiceFields truth = invoice.truth();

        HttpResponse<String> accepted = upload(invoice.pdf());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode ids = ServerCalls.parse(accepted.body());
        String documentId = ids.path("documentId").asText();
        String pi = ids.path("processInstanceId").asText();
        assertThat(pi).isNotBlank();

        List<String> path = drive(pi, truth);

        HistoricProcessInstance done = history.createHistoricProcessInstanceQuery().processInstanceId(pi)
                .singleResult();
        assertThat(done.getEndTime()).as("instance ended after " + path).isNotNull();
        assertThat(done.getBusinessKey()).isEqualTo(documentId);
        assertThat(variable(pi, "outcome")).as("outcome after " + path + ": " + variable(pi, "outcomeMessage"))
                .isEqualTo("PAID");
        // What was extracted (or verified) is what the generator drew
        assertThat(variable(pi, "invoiceNumber")).isEqualTo(truth.invoiceNumber());
        assertThat(new BigDecimal(variable(pi, "total").toString())).isEqualByComparingTo(truth.total());

        // A seller never paid before: its bank details were checked and the approver was warned (no no-touch)
        assertThat(variable(pi, "bankDetailsTrusted")).isEqualTo(false);
        assertThat((String) variable(pi, "bankDetailsWarning")).startsWith("Bank details not seen before");

        // Paid once, with a pain.001 message and one ledger entry
        JsonNode payment = get("/api/payments?invoiceKey=" + documentId);
        assertThat(payment.path("status").asText()).isEqualTo("EXECUTED");
        assertThat(payment.path("ledgerEntryId").isNumber()).isTrue();
        assertThat(new BigDecimal(payment.path("amount").asText())).isPositive()
                .isLessThanOrEqualTo(truth.total());
        String pain001 = getText("/api/payments/" + payment.path("id").asText() + "/pain001");
        assertThat(pain001).contains("pain.001.001.09").contains(payment.path("endToEndId").asText())
                .contains(payment.path("creditorIban").asText());

        // The same file again is the same document and instance
        HttpResponse<String> again = upload(invoice.pdf());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(ServerCalls.parse(again.body()).path("processInstanceId").asText()).isEqualTo(pi);
    }

    /** Runs the instance's jobs and answers its tasks until it ends; returns what happened, for failure messages. */
    private List<String> drive(String pi, InvoiceFields truth) {
        List<String> steps = new ArrayList<>();
        String firstApprover = null;
        for (int round = 0; round < 60; round++) {
            if (history.createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count() == 1) {
                return steps;
            }
            List<Job> jobs = management.createJobQuery().processInstanceId(pi).list();
            for (Job job : jobs) {
                assertThat(job.getExceptionMessage()).as("job failed after " + steps).isNull();
                steps.add("job:" + job.getId());
                management.executeJob(job.getId());
            }
            if (!jobs.isEmpty()) {
                continue;
            }
            Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
            assertThat(task).as("neither a job nor a task after " + steps).isNotNull();
            steps.add(task.getTaskDefinitionKey());
            switch (task.getTaskDefinitionKey()) {
                case "VerifyInvoice" -> {
                    tasks.claim(task.getId(), "analyst");
                    tasks.complete(task.getId(), verified(truth));
                }
                case "ResolveDiscrepancy" -> {
                    tasks.claim(task.getId(), "analyst");
                    tasks.complete(task.getId(), Variables.createVariables().putValue("discrepancyDecision", "accept")
                            .putValue("discrepancyNote", "agreed with the supplier"));
                }
                case "ApproveInvoice" -> {
                    String approver = firstApprover == null ? "approver" : "approver2";
                    firstApprover = approver;
                    tasks.setAssignee(task.getId(), approver);
                    tasks.complete(task.getId(), Variables.createVariables().putValue("approvalDecision", "approve"));
                }
                default -> throw new AssertionError("unexpected task " + task.getTaskDefinitionKey());
            }
        }
        throw new AssertionError("instance did not end: " + steps);
    }

    /** The person's answer: the required fields as the generator drew them. */
    private static VariableMap verified(InvoiceFields truth) {
        VariableMap v = Variables.createVariables();
        v.putValue("invoiceNumber", truth.invoiceNumber());
        v.putValue("issueDate", truth.issueDate().toString());
        v.putValue("sellerName", truth.sellerName());
        if (truth.sellerIban() != null) {
            v.putValue("sellerIban", truth.sellerIban());
        }
        v.putValue("currency", truth.currency());
        v.putValue("total", truth.total().doubleValue());
        return v;
    }

    private Object variable(String pi, String name) {
        var instance = history.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName(name)
                .singleResult();
        return instance == null ? null : instance.getValue();
    }

    private HttpResponse<String> upload(byte[] pdf) throws Exception {
        return http.send(request("/api/invoices").header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        TestDocuments.multipart(BOUNDARY, "file", "invoice.pdf", "application/pdf", pdf)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        return ServerCalls.parse(getText(path));
    }

    private String getText(String path) throws Exception {
        HttpResponse<String> res = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path + " " + res.body()).isEqualTo(200);
        return res.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)));
    }
}
