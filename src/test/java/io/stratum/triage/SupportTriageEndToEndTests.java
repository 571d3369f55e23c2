package io.stratum.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stratum.ReviewEverything;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.stratum.ServerCalls.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing mocked: REST in, real models, real engine with its job executor, a real SMTP server (GreenMail), review
 * completed by the approver through Camunda's REST API, out to ticket, mail, retraining store and decision log.
 */
@StratumIntegrationTest
@Import(ReviewEverything.class)
class SupportTriageEndToEndTests {

    /** Started before the Spring context, which needs its port. */
    static final GreenMail smtp = startSmtp();

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;
    ServerCalls server;

    @BeforeEach
    void calls() {
        server = new ServerCalls(http);
    }

    @Test
    void reviewedInquiryEndsInTicketMailFeedbackAndDecisionLog() throws Exception {
        // Given an inquiry from a known customer (acme.example is platinum in the demo data)
        String externalId = "e2e-" + UUID.randomUUID();
        JsonNode accepted = server.submitInquiry(Map.of("channel", "web", "from", "jane@acme.example",
                "subject", "Charged twice", "body", "Hello, my credit card was charged twice for invoice 4711. "
                        + "Please refund the duplicate payment.", "externalId", externalId));
        String inquiryId = accepted.path("inquiryId").asText();
        String pi = accepted.path("processInstanceId").asText();

        // When the models have classified it, the approver finds the review task, changes the topic and completes
        Task task = await("review task", Duration.ofSeconds(120), () -> tasks.createTaskQuery().processInstanceId(pi)
                .taskDefinitionKey("ReviewTriage").singleResult());
        JsonNode variables = server.get("approver", "/engine-rest/task/" + task.getId() + "/form-variables");
        String proposed = variables.path("topic").path("value").asText();
        assertThat(proposed).isNotBlank();
        assertThat(variables.path("proposedTopicConfidence").path("value").asText()).isNotBlank();
        String corrected = proposed.equals("account") ? "billing" : "account";

        server.post("approver", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "approver"));
        server.post("approver", "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Map.of(
                "topic", Map.of("value", corrected),
                "urgency", Map.of("value", "high"),
                "reply", Map.of("value", "We are sorry: the duplicate charge will be refunded within 3 days."),
                "overrideReason", Map.of("value", "e2e: reviewer knows better"))));

        // Then a ticket decided by the approver, an acknowledgement mail, a feedback record and a closed decision log
        await("inquiry done", Duration.ofSeconds(60),
                () -> "DONE".equals(server.inquiryStatus(inquiryId)));
        JsonNode inquiry = server.get("demo", "/api/inquiries/" + inquiryId);
        String ticketId = inquiry.path("ticketId").asText();
        JsonNode ticket = server.get("demo", "/api/tickets/" + ticketId);
        assertThat(ticket.path("topic").asText()).isEqualTo(corrected);
        assertThat(ticket.path("urgency").asText()).isEqualTo("high");
        assertThat(ticket.path("decidedBy").asText()).isEqualTo("approver");

        MimeMessage[] mails = await("ack mail", Duration.ofSeconds(30), () -> {
            MimeMessage[] received = smtp.getReceivedMessagesForDomain("acme.example");
            return received.length > 0 ? received : null;
        });
        assertThat(mails).hasSize(1);
        assertThat(Arrays.toString(mails[0].getAllRecipients())).contains("jane@acme.example");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mails[0])).contains("refunded within 3 days");

        JsonNode feedback = server.get("auditor", "/api/feedback?model=support-topic");
        JsonNode mine = null;
        for (JsonNode f : feedback) {
            if (pi.equals(f.path("processInstanceId").asText())) {
                mine = f;
            }
        }
        assertThat(mine).as("feedback for " + pi + " in " + feedback).isNotNull();
        assertThat(mine.path("predicted").asText()).isEqualTo(proposed);
        assertThat(mine.path("corrected").asText()).isEqualTo(corrected);
        assertThat(mine.path("actor").asText()).isEqualTo("approver");
        assertThat(mine.path("reason").asText()).isEqualTo("e2e: reviewer knows better");
        assertThat(mine.path("modelVersion").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode decisions = server.get("auditor", "/api/audit/decisions?processInstanceId=" + pi);
        assertThat(decisions).hasSize(2);
        JsonNode topic = decisions.get(0).path("model").asText().equals("support-topic") ? decisions.get(0)
                : decisions.get(1);
        assertThat(topic.path("output").asText()).isEqualTo(proposed);
        assertThat(topic.path("finalValue").asText()).isEqualTo(corrected);
        assertThat(topic.path("finalActor").asText()).isEqualTo("approver");
        assertThat(topic.path("overridden").asBoolean()).isTrue();
        assertThat(server.get("auditor", "/api/audit/verify").path("intact").asBoolean()).isTrue();

        // The same externalId again is the same inquiry, not a second process
        ResponseEntity<String> again = server.postRaw("demo", "/api/inquiries", Map.of("channel", "web",
                "from", "jane@acme.example", "body", "again", "externalId", externalId));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ServerCalls.parse(again.getBody()).path("processInstanceId").asText()).isEqualTo(pi);
    }

    @Test
    void approversCannotReadTheAuditTrailAndStrangersNothing() {
        assertThat(http.withBasicAuth("approver", "approver").getForEntity("/api/audit/decisions?processInstanceId=x",
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/inquiries/x", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/api/tickets/x", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("approver", "approver").getForEntity("/api/outbox", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
