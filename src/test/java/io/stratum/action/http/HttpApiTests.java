package io.stratum.action.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outgoing calls against a real HTTP server on 127.0.0.1: the allow-list, secrets, timeouts, redirects, limits. */
class HttpApiTests {

    static LocalApi api;
    static HttpApi http;

    @BeforeAll
    static void start() throws Exception {
        api = new LocalApi();
        http = new HttpApi(new HttpCallSettings(List.of("127.0.0.1:" + api.port(), "*.example.com", "crm.local"),
                Map.of("crm-token", "s3cret"), Duration.ofSeconds(5), Duration.ofSeconds(10), DataSize.ofKilobytes(1), Duration.ofDays(30)));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void postsJsonWithASecretHeaderAndReadsTheAnswer() {
        HttpApiResponse res = http.call(new HttpApiRequest("post", api.url("/echo"),
                Map.of("Authorization", "Bearer {{secret:crm-token}}", "Content-Type", "application/json"),
                "{\"asset\":\"A-1\"}", null));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.successful()).isTrue();
        assertThat(res.contentType()).isEqualTo("application/json");
        assertThat(res.body()).contains("\"method\":\"POST\"", "\"received\":{\"asset\":\"A-1\"}");
        LocalApi.Received last = api.received.get(api.received.size() - 1);
        assertThat(last.headers().get("Content-type")).containsExactly("application/json");
        assertThat(last.headers().get("Authorization")).containsExactly("Bearer s3cret");
    }

    @Test
    void errorStatusesAreAnswersNotExceptions() {
        HttpApiResponse res = http.call(new HttpApiRequest("GET", api.url("/status/503"), Map.of(), null, null));
        assertThat(res.status()).isEqualTo(503);
        assertThat(res.successful()).isFalse();
        assertThat(res.body()).contains("refused by the test API");
    }

    @Test
    void refusesHostsOffTheAllowListBeforeConnecting() {
        int before = api.received.size();
        // same server, but "localhost" is not the allowed name, and another port is not the allowed port
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", "http://localhost:" + api.port() + "/echo",
                Map.of(), null, null))).isInstanceOf(HttpCallRefusedException.class)
                .hasMessageContaining("localhost:" + api.port()).hasMessageContaining("stratum.http-call.allowed-hosts");
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", "http://127.0.0.1:1/echo", Map.of(), null,
                null))).isInstanceOf(HttpCallRefusedException.class);
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", "http://169.254.169.254/latest/meta-data",
                Map.of(), null, null))).isInstanceOf(HttpCallRefusedException.class);
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", "file:///etc/passwd", Map.of(), null, null)))
                .isInstanceOf(HttpCallRefusedException.class).hasMessageContaining("http or https");
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", "http://user:pw@crm.local/", Map.of(), null,
                null))).isInstanceOf(HttpCallRefusedException.class).hasMessageContaining("user info");
        assertThat(api.received).hasSize(before);
    }

    @Test
    void allowListEntriesMatchHostPortAndSubdomains() {
        assertThat(http.allowed(URI.create("https://api.example.com/x"))).isTrue();
        assertThat(http.allowed(URI.create("https://a.b.example.com:8443/x"))).isTrue();
        assertThat(http.allowed(URI.create("https://example.com/x"))).isFalse();
        assertThat(http.allowed(URI.create("https://evilexample.com/x"))).isFalse();
        assertThat(http.allowed(URI.create("http://CRM.local:9000/x"))).isTrue();
        assertThat(http.allowed(URI.create("http://crm.local.evil.com/x"))).isFalse();
        HttpApi none = new HttpApi(new HttpCallSettings(List.of(), Map.of(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), DataSize.ofKilobytes(1), Duration.ofDays(30)));
        assertThat(none.allowed(URI.create(api.url("/echo")))).as("nothing is allowed by default").isFalse();
    }

    @Test
    void unknownSecretsAndForbiddenHeadersAreRefusedWithoutLeakingSecrets() {
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", api.url("/echo"),
                Map.of("Authorization", "Bearer {{secret:nope}}"), null, null)))
                .isInstanceOf(HttpCallRefusedException.class).hasMessageContaining("stratum.http-call.secrets.nope");
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", api.url("/echo"), Map.of("Host", "x"), null,
                null))).isInstanceOf(HttpCallRefusedException.class).hasMessageContaining("Host");
        assertThatThrownBy(() -> http.call(new HttpApiRequest("TRACE", api.url("/echo"), Map.of(), null, null)))
                .isInstanceOf(HttpCallRefusedException.class).hasMessageContaining("TRACE");
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", api.url("/echo"),
                Map.of("Authorization", "Bearer {{secret:crm-token}}"), null, Duration.ofMinutes(5))))
                .isInstanceOf(HttpCallRefusedException.class).hasMessageContaining("max-timeout")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void timeoutsRedirectsAndLargeAnswersAreFailuresWorthARetry() {
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", api.url("/slow"), Map.of(), null,
                Duration.ofMillis(300)))).isInstanceOf(HttpCallFailedException.class)
                .hasMessageContaining("GET " + api.url("/slow") + " failed").hasMessageContaining("Timeout");
        // not followed: the 302 is the answer (a redirect could lead off the allow-list)
        HttpApiResponse redirect = http.call(new HttpApiRequest("GET", api.url("/redirect"), Map.of(), null, null));
        assertThat(redirect.status()).isEqualTo(302);
        assertThatThrownBy(() -> http.call(new HttpApiRequest("GET", api.url("/big"), Map.of(), null, null)))
                .isInstanceOf(HttpCallFailedException.class).hasMessageContaining("larger than");
        try (LocalApi closed = new LocalApi()) {
            HttpApi toClosed = new HttpApi(new HttpCallSettings(List.of("127.0.0.1"), Map.of(),
                    Duration.ofSeconds(2), Duration.ofSeconds(2), DataSize.ofKilobytes(1), Duration.ofDays(30)));
            String url = closed.url("/echo");
            closed.close();
            assertThatThrownBy(() -> toClosed.call(new HttpApiRequest("GET", url, Map.of(), null, null)))
                    .isInstanceOf(HttpCallFailedException.class).hasMessageContaining("failed");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void headerLinesParse() {
        assertThat(HttpApi.parseHeaders("Accept: application/json\n\nX-Trace:  abc \r\n"))
                .containsExactly(Map.entry("Accept", "application/json"), Map.entry("X-Trace", "abc"));
        assertThatThrownBy(() -> HttpApi.parseHeaders("no colon here")).isInstanceOf(HttpCallRefusedException.class)
                .hasMessageContaining("Name: value");
    }
}
