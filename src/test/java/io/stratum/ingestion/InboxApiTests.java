package io.stratum.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox API: a refused request's {@code inboxId} leads to it as it was received; lists newest first. */
@IngestionHttpTest
class InboxApiTests {

    @Autowired
    TestRestTemplate rest;

    private ResponseEntity<JsonNode> post(byte[] body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return rest.withBasicAuth("demo", "demo").postForEntity("/api/inquiries", new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String user, String path) {
        return rest.withBasicAuth(user, user).getForEntity(path, JsonNode.class);
    }

    @Test
    void aRefusedRequestIsReadableByItsInboxIdAsItWasReceived() {
        String body = "{\"channel\": \"web\", \"body\": \"Grüße " + UUID.randomUUID() + "\"}"; // no sender
        ResponseEntity<JsonNode> refused = post(body.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        String inboxId = refused.getBody().get("inboxId").asText();

        ResponseEntity<JsonNode> entry = get("auditor", "/api/inbox/" + inboxId);
        assertThat(entry.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(entry.getBody().get("status").asText()).isEqualTo("REJECTED");
        assertThat(entry.getBody().get("reason").asText()).contains("from");
        assertThat(entry.getBody().get("payload").asText()).isEqualTo(body);
        assertThat(entry.getBody().get("payloadEncoding").asText()).isEqualTo("utf-8");
        assertThat(entry.getBody().get("payloadBytes").asLong()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(entry.getBody().get("source").asText()).isEqualTo("http");

        // Not UTF-8: kept byte for byte, shown as ISO-8859-1 text
        byte[] latin1 = "{\"channel\":\"web\",\"from\":\"x\",\"body\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        String latin1Id = post(latin1, MediaType.APPLICATION_JSON).getBody().get("inboxId").asText();
        JsonNode latin1Entry = get("demo", "/api/inbox/" + latin1Id).getBody();
        assertThat(latin1Entry.get("payloadEncoding").asText()).isEqualTo("iso-8859-1");
        assertThat(latin1Entry.get("payload").asText().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(latin1);
    }

    @Test
    void listsTheEntriesThatNeedALookNewestFirstAndPagesBack() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(0, post(("not json " + i).getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON).getBody()
                    .get("inboxId").asText());
        }
        String accepted = post(("{\"channel\":\"web\",\"from\":\"ann@acme.example\",\"body\":\"Printer down "
                + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON).getBody()
                .get("inquiryId").asText();

        // By default REJECTED and FAILED only, newest first, without payloads
        JsonNode page = get("auditor", "/api/inbox?max=2").getBody();
        assertThat(page).hasSize(2);
        assertThat(page.get(0).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(page.get(1).get("id").asText()).isEqualTo(ids.get(1));
        assertThat(page.get(0).has("payload")).isFalse();
        assertThat(page.get(0).get("reason").asText()).contains("malformed JSON");
        JsonNode next = get("auditor", "/api/inbox?max=1&before=" + page.get(1).get("receivedAt").asText())
                .getBody();
        assertThat(next.get(0).get("id").asText()).isEqualTo(ids.get(2));

        // Accepted entries on request, with the inquiry they became
        JsonNode acceptedPage = get("auditor", "/api/inbox?status=accepted&max=1").getBody();
        assertThat(acceptedPage.get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(acceptedPage.get(0).get("inquiryId").asText()).isEqualTo(accepted);
    }

    @Test
    void badQueriesAreProblemsNamingTheParameter() {
        for (String[] c : new String[][] {{"status=LOST", "status"}, {"max=0", "max"}, {"max=501", "max"},
                {"before=yesterday", "before"}}) {
            ResponseEntity<JsonNode> r = get("auditor", "/api/inbox?" + c[0]);
            assertThat(r.getStatusCode()).as(c[0]).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getBody().get("errors").get(0).get("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
        ResponseEntity<JsonNode> unknown = get("auditor", "/api/inbox/no-such-entry");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void onlyAuditorsAndAdminsReadTheInbox() {
        assertThat(get("approver", "/api/inbox").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("analyst", "/api/inbox/x").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/inbox", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
