package io.stratum.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.action.Ticket;
import io.stratum.action.Tickets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@IngestionHttpTest
class InquiryApiTests {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RecordingInquiryWorkflow workflow;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    InquiryProgress progress;
    @Autowired
    Tickets tickets;
    @LocalServerPort
    int port;

    @BeforeEach
    void reset() {
        workflow.reset();
    }

    private TestRestTemplate api() {
        return rest.withBasicAuth("demo", "demo");
    }

    private ResponseEntity<JsonNode> post(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return api().postForEntity("/api/inquiries", new HttpEntity<>(body, headers), JsonNode.class);
    }

    private String inquiry(Map<String, Object> fields) throws Exception {
        return json.writeValueAsString(fields);
    }

    @Test
    void acceptsAnInquiryAndStartsItsTriageOnceForTheSameExternalId() throws Exception {
        String externalId = "web-" + UUID.randomUUID();
        String body = inquiry(Map.of("channel", "web", "from", "Ann <ann@Acme.Example>", "subject", "  Printer \n down ",
                "body", "Our printer is down.\r\n\r\n\r\n\r\nPlease help.  ", "externalId", externalId));

        ResponseEntity<JsonNode> first = post(body);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String inquiryId = first.getBody().get("inquiryId").asText();
        assertThat(first.getBody().get("processInstanceId").asText()).isEqualTo("pi-" + inquiryId);
        assertThat(first.getHeaders().getLocation()).hasToString("/api/inquiries/" + inquiryId);

        ResponseEntity<JsonNode> second = post(body);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody().get("inquiryId").asText()).isEqualTo(inquiryId);
        assertThat(second.getBody().get("processInstanceId").asText()).isEqualTo("pi-" + inquiryId);
        assertThat(workflow.startsOf(inquiryId)).isEqualTo(1);

        Inquiry started = workflow.started().get(0);
        assertThat(started.subject()).isEqualTo("Printer down");
        assertThat(started.body()).isEqualTo("Our printer is down.\n\nPlease help.");
        assertThat(started.from()).isEqualTo("Ann <ann@Acme.Example>");

        ResponseEntity<JsonNode> view = api().getForEntity("/api/inquiries/" + inquiryId, JsonNode.class);
        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(view.getBody().get("status").asText()).isEqualTo("STARTED");
        assertThat(view.getBody().get("channel").asText()).isEqualTo("web");
        assertThat(view.getBody().get("processInstanceId").asText()).isEqualTo("pi-" + inquiryId);
        assertThat(view.getBody().get("receivedAt").asText()).isNotBlank();

        List<String> inboxStatuses = jdbc.sql("SELECT status FROM inbox WHERE inquiry_id = ? ORDER BY received_at")
                .param(inquiryId).query(String.class).list();
        assertThat(inboxStatuses).containsExactly("ACCEPTED", "DUPLICATE");
    }

    @Test
    void withoutExternalIdEveryPostIsANewInquiry() throws Exception {
        String body = inquiry(Map.of("channel", "chat", "from", "@bob", "body", "Hello?"));
        String a = post(body).getBody().get("inquiryId").asText();
        String b = post(body).getBody().get("inquiryId").asText();
        assertThat(a).isNotEqualTo(b);
        assertThat(workflow.started()).hasSize(2);
    }

    @Test
    void showsWhatOrchestrationReportedIncludingTheTicket() throws Exception {
        String id = post(inquiry(Map.of("channel", "email", "from", "carl@globex.example", "body", "Invoice wrong")))
                .getBody().get("inquiryId").asText();
        progress.triaged(id, "TRIAGED", "{\"model\":\"topic\",\"version\":3,\"label\":\"billing\",\"confidence\":0.91}");
        Ticket ticket = tickets.open(new Tickets.TicketRequest(id, "Invoice wrong", "billing", "high", "P2", "billing",
                "2026-11-26T10:00:00Z", "We are on it.", "ai"));
        progress.ticketed(id, ticket.id(), "TICKETED");

        JsonNode view = api().getForEntity("/api/inquiries/" + id, JsonNode.class).getBody();
        assertThat(view.get("status").asText()).isEqualTo("TICKETED");
        assertThat(view.get("triage").get("label").asText()).isEqualTo("billing");
        assertThat(view.get("triage").get("confidence").asDouble()).isEqualTo(0.91);
        assertThat(view.get("ticketId").asText()).isEqualTo(ticket.id());
        assertThat(view.get("ticket").get("team").asText()).isEqualTo("billing");
        assertThat(view.get("from").asText()).isEqualTo("carl@globex.example");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "channel  | {\"channel\":\"fax\",\"from\":\"a@b.example\",\"body\":\"x\"}",
            "channel  | {\"from\":\"a@b.example\",\"body\":\"x\"}",
            "from     | {\"channel\":\"web\",\"body\":\"x\"}",
            "from     | {\"channel\":\"email\",\"from\":\"not-an-address\",\"body\":\"x\"}",
            "from     | {\"channel\":\"web\",\"from\":42,\"body\":\"x\"}",
            "body     | {\"channel\":\"web\",\"from\":\"a@b.example\"}",
            "body     | {\"channel\":\"web\",\"from\":\"a@b.example\",\"body\":\"   \\n \"}",
            "customerId | {\"channel\":\"web\",\"from\":\"a@b.example\",\"body\":\"x\",\"customerId\":\"a b\"}",
            "externalId | {\"channel\":\"web\",\"from\":\"a@b.example\",\"body\":\"x\",\"externalId\":\" \"}",
            "$        | [1,2,3]",
    })
    void rejectsInvalidInputNamingTheFieldAndKeepsItInTheInbox(String field, String body) {
        ResponseEntity<JsonNode> response = post(body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = response.getBody();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(problem.get("detail").asText()).startsWith(field + ":");

        String inboxId = problem.get("inboxId").asText();
        Map<String, Object> row = jdbc.sql("SELECT status, reason, payload FROM inbox WHERE id = ?").param(inboxId)
                .query().singleRow();
        assertThat(row.get("STATUS")).isEqualTo("REJECTED");
        assertThat((String) row.get("REASON")).contains(field);
        assertThat(row.get("PAYLOAD")).isEqualTo(body);
        assertThat(workflow.started()).isEmpty();
    }

    @Test
    void namesEveryInvalidFieldAtOnce() {
        JsonNode problem = post("{\"channel\":\"pigeon\",\"body\":\"\"}").getBody();
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("channel", "from", "body");
    }

    @Test
    void rejectsABodyOverTheCharacterLimit() throws Exception {
        String tooLong = "x".repeat(10_001);
        ResponseEntity<JsonNode> response = post(inquiry(Map.of("channel", "api", "from", "sys", "body", tooLong)));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors").findValuesAsText("field")).containsExactly("body");
        assertThat(post(inquiry(Map.of("channel", "api", "from", "sys", "body", "x".repeat(10_000))))
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void malformedJsonIsAProblemAndStaysInTheInbox() {
        String body = "{\"channel\": \"web\", \"from\": ";
        ResponseEntity<JsonNode> response = post(body);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asText()).contains("malformed JSON");
        String payload = jdbc.sql("SELECT payload FROM inbox WHERE id = ?")
                .param(response.getBody().get("inboxId").asText()).query(String.class).single();
        assertThat(payload).isEqualTo(body);
    }

    @Test
    void refusesAnOversizedBodyWith413() {
        String body = "{\"channel\":\"web\",\"from\":\"a@b.example\",\"body\":\"" + "y".repeat(70 * 1024) + "\"}";
        ResponseEntity<JsonNode> response = post(body);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("limitBytes").asLong()).isEqualTo(64 * 1024);
        assertThat(workflow.started()).isEmpty();
    }

    @Test
    void refusesAnOversizedChunkedBodyWith413() throws Exception {
        byte[] body = ("{\"channel\":\"web\",\"from\":\"a@b.example\",\"body\":\"" + "z".repeat(80 * 1024) + "\"}")
                .getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/inquiries"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic ZGVtbzpkZW1v")
                // An InputStream publisher has no known length: the JDK client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox WHERE status = 'REJECTED' AND reason LIKE '%(chunked)%'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void unknownInquiryIsA404Problem() {
        ResponseEntity<JsonNode> response = api().getForEntity("/api/inquiries/nope", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asText()).contains("nope");
    }

    @Test
    void aFailedWorkflowStartIsKeptAndARetryWithTheSameExternalIdStartsIt() throws Exception {
        String body = inquiry(Map.of("channel", "api", "from", "crm", "body", "Sync failed", "externalId", "crm-77"));
        workflow.failNext(1);

        ResponseEntity<JsonNode> failed = post(body);
        assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(failed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String inquiryId = failed.getBody().get("inquiryId").asText();
        JsonNode view = api().getForEntity("/api/inquiries/" + inquiryId, JsonNode.class).getBody();
        assertThat(view.get("status").asText()).isEqualTo("FAILED");
        assertThat(view.get("failureReason").asText()).contains("engine unavailable");
        assertThat(jdbc.sql("SELECT status FROM inbox WHERE inquiry_id = ?").param(inquiryId).query(String.class)
                .single()).isEqualTo("FAILED");

        ResponseEntity<JsonNode> retried = post(body);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(retried.getBody().get("inquiryId").asText()).isEqualTo(inquiryId);
        assertThat(workflow.startsOf(inquiryId)).isEqualTo(1);
        assertThat(post(body).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(workflow.startsOf(inquiryId)).isEqualTo(1);
    }

    @Autowired
    InquiryIntake intake;

    @Test
    void aFailedStartWithoutExternalIdIsRestartedInTheBackgroundOnce() throws Exception {
        workflow.failNext(1);
        ResponseEntity<JsonNode> failed = post(inquiry(Map.of("channel", "web", "from", "eve@acme.example",
                "body", "No external id here")));
        assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        String inquiryId = failed.getBody().get("inquiryId").asText();

        assertThat(intake.restartFailed()).isGreaterThanOrEqualTo(1);
        assertThat(workflow.startsOf(inquiryId)).isEqualTo(1);
        JsonNode view = api().getForEntity("/api/inquiries/" + inquiryId, JsonNode.class).getBody();
        assertThat(view.get("status").asText()).isEqualTo("STARTED");
        assertThat(view.get("processInstanceId").asText()).isEqualTo("pi-" + inquiryId);

        intake.restartFailed();
        assertThat(workflow.startsOf(inquiryId)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesStartOnceAndAllGetTheWinnersIds() throws Exception {
        String body = inquiry(Map.of("channel", "web", "from", "dup@acme.example", "body", "Twice?",
                "externalId", "race-" + UUID.randomUUID()));
        workflow.delay(200);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<ResponseEntity<JsonNode>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<ResponseEntity<JsonNode>> call = () -> {
                    go.await();
                    return post(body);
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            Set<String> processIds = new HashSet<>();
            int accepted = 0;
            for (Future<ResponseEntity<JsonNode>> f : results) {
                ResponseEntity<JsonNode> r = f.get();
                assertThat(r.getStatusCode().value()).isIn(200, 202);
                accepted += r.getStatusCode() == HttpStatus.ACCEPTED ? 1 : 0;
                ids.add(r.getBody().get("inquiryId").asText());
                processIds.add(r.getBody().get("processInstanceId").asText());
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(ids).hasSize(1);
            assertThat(processIds).containsExactly("pi-" + ids.iterator().next());
            assertThat(workflow.started()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
