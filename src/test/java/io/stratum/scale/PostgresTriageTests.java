package io.stratum.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.ReviewEverything;
import io.stratum.StratumIntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The triage slice on PostgreSQL: the whole server with profile {@code postgres} on a real PostgreSQL, job executor
 * on; an inquiry through REST, review by the approver through Camunda's REST API, then ticket, outbox mail, feedback
 * and an intact decision log.
 */
@StratumIntegrationTest
@ActiveProfiles({"test", "postgres"})
@Import(ReviewEverything.class)
class PostgresTriageTests {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Beats both profiles' datasource settings (dynamic properties rank above every application-*.yaml). */
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres pg = EmbeddedPostgresSupport.shared();
        String db = "triage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        EmbeddedPostgresSupport.freshDatabase(pg, db);
        registry.add("spring.datasource.url", () -> EmbeddedPostgresSupport.jdbcUrl(pg, db));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        registry.add("stratum.cluster.node-id", () -> "pg-node-1");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    @Test
    void reviewedInquiryRunsToTicketFeedbackAndIntactAuditOnPostgres() throws Exception {
        // Given the server really runs on PostgreSQL, as node pg-node-1
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor()
                .getLockOwner()).isEqualTo("pg-node-1");
        assertThat(jdbc.sql("SELECT count(*) FROM act_ge_property").query(Integer.class).single()).isPositive();

        // When an inquiry arrives and the approver corrects the AI's topic
        String externalId = "pg-" + UUID.randomUUID();
        JsonNode accepted = submit(Map.of("channel", "web", "from", "jane@acme.example", "subject",
                "Charged twice", "body", "Hello, my credit card was charged twice for invoice 4711. "
                        + "Please refund the duplicate payment.", "externalId", externalId));
        String inquiryId = accepted.path("inquiryId").asText();
        String pi = accepted.path("processInstanceId").asText();
        Task task = await("review task", Duration.ofSeconds(120), () -> engine.getTaskService().createTaskQuery()
                .processInstanceId(pi).taskDefinitionKey("ReviewTriage").singleResult());
        JsonNode variables = get("approver", "/engine-rest/task/" + task.getId() + "/form-variables");
        String proposed = variables.path("topic").path("value").asText();
        assertThat(proposed).isNotBlank();
        String corrected = proposed.equals("account") ? "billing" : "account";
        post("approver", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "approver"));
        post("approver", "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Map.of(
                "topic", Map.of("value", corrected),
                "urgency", Map.of("value", "high"),
                "reply", Map.of("value", "The duplicate charge will be refunded within 3 days."),
                "overrideReason", Map.of("value", "pg: reviewer knows better"))));

        // Then the process ends with a ticket decided by the approver, one acknowledgement in the outbox,
        // a feedback record and a verified decision log, all in PostgreSQL
        await("inquiry done", Duration.ofSeconds(60),
                () -> "DONE".equals(get("demo", "/api/inquiries/" + inquiryId).path("status").asText()));
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi)
                .completed().count()).isEqualTo(1);
        JsonNode inquiry = get("demo", "/api/inquiries/" + inquiryId);
        JsonNode ticket = get("demo", "/api/tickets/" + inquiry.path("ticketId").asText());
        assertThat(ticket.path("topic").asText()).isEqualTo(corrected);
        assertThat(ticket.path("decidedBy").asText()).isEqualTo("approver");
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE inquiry_id = ?").param(inquiryId).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(get("demo", "/api/outbox?to=jane@acme.example").size()).isEqualTo(1);

        JsonNode mine = null;
        for (JsonNode f : get("auditor", "/api/feedback?model=support-topic")) {
            if (pi.equals(f.path("processInstanceId").asText())) {
                mine = f;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("predicted").asText()).isEqualTo(proposed);
        assertThat(mine.path("corrected").asText()).isEqualTo(corrected);
        assertThat(mine.path("actor").asText()).isEqualTo("approver");

        JsonNode decisions = get("auditor", "/api/audit/decisions?processInstanceId=" + pi);
        assertThat(decisions).hasSize(2);
        assertThat(get("auditor", "/api/audit/verify").path("intact").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT status FROM inbox WHERE inquiry_id = ?").param(inquiryId).query(String.class)
                .list()).containsExactly("ACCEPTED");

        // And a replay of the same externalId is the same inquiry, not a second process
        JsonNode again = JSON.readTree(postRaw(Map.of("channel", "web", "from", "jane@acme.example", "body",
                "again", "externalId", externalId)).getBody());
        assertThat(again.path("processInstanceId").asText()).isEqualTo(pi);
    }

    private JsonNode submit(Map<String, Object> inquiry) throws Exception {
        ResponseEntity<String> res = postRaw(inquiry);
        assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return JSON.readTree(res.getBody());
    }

    private ResponseEntity<String> postRaw(Map<String, Object> inquiry) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("demo", "demo").postForEntity("/api/inquiries",
                new HttpEntity<>(JSON.writeValueAsString(inquiry), headers), String.class);
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

    static <T> T await(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            T value = probe.get();
            if (value != null && !(value instanceof Boolean b && !b)) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
