package io.stratum.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import io.stratum.ingestion.document.TestDocuments;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real intake in front of the real engine, whose job executor is off in the test profile: every accepted
 * inquiry leaves its triage job due, so the backlog grows by one per inquiry until the limit refuses the next.
 */
@StratumIntegrationTest
@TestPropertySource(properties = {"stratum.ingestion.backlog.limit=2", "stratum.ingestion.backlog.max-wait=PT2S"})
class IntakeBacklogApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;

    @Test
    void inquiriesAndUploadsBeyondTheBacklogAreRefusedWith503AndTakenOnceTheJobsAreDone() throws Exception {
        ServerCalls server = new ServerCalls(http);
        JsonNode first = server.submitInquiry(inquiry());
        server.submitInquiry(inquiry());
        assertThat(management.createJobQuery().executable().count()).isEqualTo(2);
        long inboxBefore = inboxRows();
        Thread.sleep(IntakeBacklog.REFRESH.toMillis() + 50); // the shared count is that old at most: now it is recounted

        ResponseEntity<String> refused = server.postRaw("demo", "/api/inquiries", inquiry());

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = ServerCalls.parse(refused.getBody());
        assertThat(problem.path("title").asText()).isEqualTo("Intake busy");
        assertThat(problem.path("backlog").asLong()).isEqualTo(2);
        assertThat(problem.path("limit").asInt()).isEqualTo(2);
        assertThat(problem.path("detail").asText()).contains("2 jobs behind (limit 2)", "Nothing was stored");
        assertThat(inboxRows()).as("refused before the inbox: nothing to recover or reject later")
                .isEqualTo(inboxBefore);

        // An invoice upload starts work too: the same refusal, and no document stored
        long documentsBefore = jdbc.sql("SELECT COUNT(*) FROM document").query(Long.class).single();
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(TestDocuments.pdf("backlog")) {
            @Override
            public String getFilename() {
                return "invoice.pdf";
            }
        });
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> upload = http.withBasicAuth("analyst", "analyst").postForEntity("/api/invoices",
                new HttpEntity<>(form, multipart), String.class);
        assertThat(upload.getStatusCode().value()).as(upload.getBody()).isEqualTo(503);
        assertThat(upload.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(ServerCalls.parse(upload.getBody()).path("title").asText()).isEqualTo("Intake busy");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document").query(Long.class).single()).isEqualTo(documentsBefore);

        // The job executor catches up (here: the first triage is withdrawn, its job with it): room for one more
        runtime.deleteProcessInstance(first.path("processInstanceId").asText(), "test: backlog drained");
        server.submitInquiry(inquiry());
    }

    private long inboxRows() {
        return jdbc.sql("SELECT COUNT(*) FROM inbox").query(Long.class).single();
    }

    private static Map<String, Object> inquiry() {
        return Map.of("channel", "api", "from", "backlog@acme.example", "body",
                "Please send me a copy of invoice 4711, the attachment is missing.", "externalId",
                "backlog-" + UUID.randomUUID());
    }
}
