package io.stratum.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared steps of the end-to-end triage tests: real server, real models, real engine with its job executor. */
final class TriageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    private TriageTestSupport() {
    }

    static JsonNode submit(TestRestTemplate http, Map<String, Object> inquiry) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> res = http.withBasicAuth("demo", "demo").postForEntity("/api/inquiries",
                new HttpEntity<>(JSON.writeValueAsString(inquiry), headers), String.class);
        assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return JSON.readTree(res.getBody());
    }

    static JsonNode get(TestRestTemplate http, String user, String path) throws Exception {
        ResponseEntity<String> res = http.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(res.getStatusCode()).as(path + " " + res.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(res.getBody());
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

    static String inquiryStatus(TestRestTemplate http, String inquiryId) {
        try {
            return get(http, "demo", "/api/inquiries/" + inquiryId).path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
