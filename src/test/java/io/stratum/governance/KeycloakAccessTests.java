package io.stratum.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile keycloak against a real Keycloak (see KeycloakServer): the shared access matrix with bearer tokens from
 * the demo realm, plus what only this mode has: refused tokens, machine tokens, Basic checked by Keycloak, the
 * webapps' redirect to Keycloak's login page.
 */
@StratumIntegrationTest
@ActiveProfiles({"test", "keycloak"})
class KeycloakAccessTests extends AccessMatrix {

    static KeycloakServer keycloak;

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        keycloak = KeycloakServer.shared();
        registry.add("stratum.keycloak.url", keycloak::url);
        // Expiry is checked to the second here, so the one-second token of the expiry test is refused at once.
        registry.add("stratum.keycloak.clock-skew", () -> "PT0S");
    }

    @Override
    void authenticate(HttpHeaders headers, String user) {
        headers.setBearerAuth(keycloak.token(user));
    }

    /** The demo realm has every matrix user. */
    @Override
    void ensureUsers() {
    }

    private ResponseEntity<String> withToken(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static void assertRefused(ResponseEntity<String> res, String because) {
        assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(res.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(res.getHeaders().get("WWW-Authenticate")).anyMatch(c -> c.startsWith("Bearer"));
        assertThat(ServerCalls.parse(res.getBody()).path("detail").asText()).containsIgnoringCase(because);
    }

    @Test
    void expiredTamperedAndForeignTokensAreRefused() throws InterruptedException {
        assertThat(withToken(keycloak.token("auditor"), "/api/audit/verify").getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // Tampered: the payload claims the auditor is an admin; the signature no longer matches.
        String[] parts = keycloak.token("auditor").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"auditors\"", "\"camunda-admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(withToken(forged, "/engine-rest/authorization"), "signature");

        // Wrong audience: a genuine token of the realm, issued to the server's own client, not for the API.
        assertRefused(withToken(keycloak.serverClientToken("auditor"), "/api/audit/verify"), "aud");

        // Expired: a token that lives one second.
        String shortLived = keycloak.passwordGrant(KeycloakServer.EXPIRING_CLIENT, "auditor");
        long exp = ServerCalls.parse(new String(Base64.getUrlDecoder().decode(shortLived.split("\\.")[1]),
                StandardCharsets.UTF_8)).path("exp").asLong();
        while (System.currentTimeMillis() / 1000 <= exp) {
            Thread.sleep(250);
        }
        assertRefused(withToken(shortLived, "/api/audit/verify"), "expired");

        // Not a token at all.
        assertRefused(withToken("not-a-jwt", "/api/models"), "invalid");
    }

    @Test
    void httpBasicIsCheckedByKeycloak() {
        assertThat(http.withBasicAuth("auditor", "auditor").getForEntity("/api/audit/verify", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        // Keycloak answers a wrong password with an error the identity plugin throws on: still a clean 401.
        ResponseEntity<String> wrong = http.withBasicAuth("analyst", "wrong")
                .getForEntity("/api/models", String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrong.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(http.withBasicAuth("nobody", "nobody").getForEntity("/api/models", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theTokensUserAndGroupsReachTheEngine() {
        // Camunda's identity is Keycloak's: users and groups through the identity plugin.
        JsonNode groups = ServerCalls.parse(withToken(keycloak.token("demo"), "/engine-rest/group?member=demo")
                .getBody());
        assertThat(groups.findValuesAsText("id")).contains(Roles.ADMINS, Roles.MODEL_OWNERS);
        // The engine records the token's user as the one who completed the task.
        assertThat(complete("approver", Roles.APPROVERS).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode ops = ServerCalls.parse(withToken(keycloak.token("auditor"),
                "/engine-rest/history/user-operation?operationType=Complete&entityType=Task").getBody());
        assertThat(ops.findValuesAsText("userId")).contains("approver");
    }

    @Test
    void machinesDeployWithClientCredentials() {
        // stratum-ci's service account is in the analysts group: it may deploy, and nothing an analyst may not.
        String token = keycloak.clientCredentials("stratum-ci", "stratum-ci-secret");
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        ResponseEntity<String> res = deployWith(headers);
        assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(withToken(token, "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void webappsSignInThroughKeycloak() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = http.getRootUri();
        HttpResponse<String> app = client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(app.statusCode()).isEqualTo(302);
        String login = app.headers().firstValue("Location").orElseThrow();
        assertThat(login).endsWith("/oauth2/authorization/keycloak");
        HttpResponse<String> toKeycloak = client.send(HttpRequest.newBuilder(URI.create(base).resolve(login))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toKeycloak.headers().firstValue("Location").orElseThrow())
                .startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?")
                .contains("client_id=stratum-server");
        // The webapps' own API answers 401 instead of redirecting an XHR to a login page.
        HttpResponse<String> api = client.send(HttpRequest.newBuilder(
                URI.create(base + "/camunda/api/engine/engine/default/user")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
    }
}
