package io.stratum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP calls of the server-level tests: each call authenticates as a built-in user (password = user name), checks the
 * status and returns the body as JSON, so a wrong status fails with the path and the server's problem text.
 */
public final class ServerCalls {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;

    public ServerCalls(TestRestTemplate http) {
        this.http = http;
    }

    /** GET as {@code user}; expects 200. */
    public JsonNode get(String user, String path) {
        ResponseEntity<String> res = http.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(res.getStatusCode()).as(path + " " + res.getBody()).isEqualTo(HttpStatus.OK);
        return parse(res.getBody());
    }

    /** POST a JSON body as {@code user}, status unchecked. */
    public ResponseEntity<String> postRaw(String user, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        try {
            return http.withBasicAuth(user, user).postForEntity(path,
                    new HttpEntity<>(JSON.writeValueAsString(body), headers), String.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST a JSON body as {@code user}; expects any 2xx. */
    public JsonNode post(String user, String path, Object body) {
        ResponseEntity<String> res = postRaw(user, path, body);
        assertThat(res.getStatusCode().is2xxSuccessful()).as(path + " " + res.getStatusCode() + " " + res.getBody())
                .isTrue();
        return parse(res.getBody());
    }

    /** POST a JSON body as {@code user}; expects exactly {@code expected}. */
    public JsonNode post(String user, String path, Object body, HttpStatus expected) {
        ResponseEntity<String> res = postRaw(user, path, body);
        assertThat(res.getStatusCode()).as(path + " " + res.getBody()).isEqualTo(expected);
        return parse(res.getBody());
    }

    /** Submits an inquiry as {@code demo}; expects 202 and returns {inquiryId, processInstanceId}. */
    public JsonNode submitInquiry(Map<String, Object> inquiry) {
        return post("demo", "/api/inquiries", inquiry, HttpStatus.ACCEPTED);
    }

    public String inquiryStatus(String inquiryId) {
        return get("demo", "/api/inquiries/" + inquiryId).path("status").asText();
    }

    /** Polls {@code probe} until it returns neither null nor false; fails after {@code timeout}. */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
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

    public static JsonNode parse(String body) {
        if (body == null || body.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
