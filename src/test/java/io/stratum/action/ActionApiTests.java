package io.stratum.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.ingestion.IngestionHttpTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Tickets and the outbox without SMTP (messages are KEPT), over real HTTP. */
@IngestionHttpTest
class ActionApiTests {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Tickets tickets;
    @Autowired
    Mailer mailer;

    private ResponseEntity<JsonNode> get(String path) {
        return rest.withBasicAuth("demo", "demo").getForEntity(path, JsonNode.class);
    }

    private static Tickets.TicketRequest request(String inquiryId, String team) {
        return new Tickets.TicketRequest(inquiryId, "VPN down", "network", "high", "P1", team,
                "2026-11-26T08:00:00Z", "We are looking into it.", "ai");
    }

    @Test
    void openingTwiceForTheSameInquiryReturnsTheFirstTicket() {
        String inquiryId = UUID.randomUUID().toString();
        Ticket first = tickets.open(request(inquiryId, "network"));
        Ticket second = tickets.open(request(inquiryId, "someone-else"));

        assertThat(first.id()).matches("T-\\d{6}");
        assertThat(second).isEqualTo(first);
        assertThat(second.team()).isEqualTo("network");
        assertThat(tickets.find(first.id())).contains(first);

        JsonNode json = get("/api/tickets/" + first.id()).getBody();
        assertThat(json.get("inquiryId").asText()).isEqualTo(inquiryId);
        assertThat(json.get("status").asText()).isEqualTo("OPEN");
        assertThat(json.get("decidedBy").asText()).isEqualTo("ai");
    }

    @Test
    void concurrentOpensCreateOneTicket() throws Exception {
        String inquiryId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Ticket>> futures = IntStream.range(0, 8).mapToObj(i -> pool.submit((Callable<Ticket>) () -> {
                go.await();
                return tickets.open(request(inquiryId, "team-" + i));
            })).toList();
            go.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<Ticket> f : futures) {
                ids.add(f.get().id());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/tickets/T-999999", "/api/work-orders/WO-999999"})
    void anUnknownTicketOrWorkOrderIsA404Problem(String path) {
        ResponseEntity<JsonNode> response = get(path);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asText()).contains(path.substring(path.lastIndexOf('/') + 1));
    }

    @Test
    void withoutSmtpMessagesAreKeptOncePerKey() {
        String to = "kept-" + UUID.randomUUID() + "@acme.example";
        String key = "ack:" + UUID.randomUUID();
        OutboxMessage first = mailer.send(key, to, "We got your inquiry", "Hello");
        OutboxMessage again = mailer.send(key, to, "We got your inquiry", "Hello");
        OutboxMessage other = mailer.send("ack:" + UUID.randomUUID(), to, "Second", "Hi again");

        assertThat(first.status()).isEqualTo("KEPT");
        assertThat(again.id()).isEqualTo(first.id());

        JsonNode list = get("/api/outbox?to=" + to).getBody();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(other.id());
        assertThat(list.get(1).get("id").asText()).isEqualTo(first.id());
        assertThat(get("/api/outbox").getBody().size()).isGreaterThanOrEqualTo(2);

        JsonNode one = get("/api/outbox/" + first.id()).getBody();
        assertThat(one.get("idempotencyKey").asText()).isEqualTo(key);
        assertThat(one.get("to").asText()).isEqualTo(to);
        assertThat(one.get("status").asText()).isEqualTo("KEPT");
    }

    @Test
    void unknownOutboxMessageIsA404Problem() {
        ResponseEntity<JsonNode> response = get("/api/outbox/nope");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
