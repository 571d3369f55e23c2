package io.stratum.scale;

import io.stratum.ServerCalls;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.stratum.ServerCalls.await;
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
    ServerCalls server;

    @BeforeEach
    void calls() {
        server = new ServerCalls(http);
    }
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
        JsonNode accepted = server.submitInquiry(Map.of("channel", "web", "from", "jane@acme.example", "subject",
                "Charged twice", "body", "Hello, my credit card was charged twice for invoice 4711. "
                        + "Please refund the duplicate payment.", "externalId", externalId));
        String inquiryId = accepted.path("inquiryId").asText();
        String pi = accepted.path("processInstanceId").asText();
        Task task = await("review task", Duration.ofSeconds(120), () -> engine.getTaskService().createTaskQuery()
                .processInstanceId(pi).taskDefinitionKey("ReviewTriage").singleResult());
        JsonNode variables = server.get("approver", "/engine-rest/task/" + task.getId() + "/form-variables");
        String proposed = variables.path("topic").path("value").asText();
        assertThat(proposed).isNotBlank();
        String corrected = proposed.equals("account") ? "billing" : "account";
        server.post("approver", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "approver"));
        server.post("approver", "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Map.of(
                "topic", Map.of("value", corrected),
                "urgency", Map.of("value", "high"),
                "reply", Map.of("value", "The duplicate charge will be refunded within 3 days."),
                "overrideReason", Map.of("value", "pg: reviewer knows better"))));

        // Then the process ends with a ticket decided by the approver, one acknowledgement in the outbox,
        // a feedback record and a verified decision log, all in PostgreSQL
        await("inquiry done", Duration.ofSeconds(60),
                () -> "DONE".equals(server.get("demo", "/api/inquiries/" + inquiryId).path("status").asText()));
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi)
                .completed().count()).isEqualTo(1);
        JsonNode inquiry = server.get("demo", "/api/inquiries/" + inquiryId);
        JsonNode ticket = server.get("demo", "/api/tickets/" + inquiry.path("ticketId").asText());
        assertThat(ticket.path("topic").asText()).isEqualTo(corrected);
        assertThat(ticket.path("decidedBy").asText()).isEqualTo("approver");
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE inquiry_id = ?").param(inquiryId).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(server.get("demo", "/api/outbox?to=jane@acme.example").size()).isEqualTo(1);

        JsonNode mine = null;
        for (JsonNode f : server.get("auditor", "/api/feedback?model=support-topic")) {
            if (pi.equals(f.path("processInstanceId").asText())) {
                mine = f;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("predicted").asText()).isEqualTo(proposed);
        assertThat(mine.path("corrected").asText()).isEqualTo(corrected);
        assertThat(mine.path("actor").asText()).isEqualTo("approver");

        JsonNode decisions = server.get("auditor", "/api/audit/decisions?processInstanceId=" + pi);
        assertThat(decisions).hasSize(2);
        assertThat(server.get("auditor", "/api/audit/verify").path("intact").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT status FROM inbox WHERE inquiry_id = ?").param(inquiryId).query(String.class)
                .list()).containsExactly("ACCEPTED");

        // And a replay of the same externalId is the same inquiry, not a second process
        JsonNode again = JSON.readTree(server.postRaw("demo", "/api/inquiries", Map.of("channel", "web", "from", "jane@acme.example", "body",
                "again", "externalId", externalId)).getBody());
        assertThat(again.path("processInstanceId").asText()).isEqualTo(pi);
    }
}
