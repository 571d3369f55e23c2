package io.stratum.governance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Keycloak as identity provider ({@code stratum.keycloak.*}, used by the {@code keycloak} profile).
 *
 * @param url          Keycloak's base URL, e.g. {@code http://127.0.0.1:8180}
 * @param realm        the realm holding Stratum's users and groups
 * @param clientId     confidential client of the server: webapp login (OIDC), identity queries (service account)
 * @param clientSecret its secret
 * @param audience     bearer tokens for /api and /engine-rest must name this audience
 * @param clockSkew    tolerance for the tokens' expiry and not-before times
 */
@Validated
@ConfigurationProperties("stratum.keycloak")
public record KeycloakSettings(@NotBlank String url, @NotBlank String realm, @NotBlank String clientId,
                               @NotBlank String clientSecret, @NotBlank String audience, @NotNull Duration clockSkew) {

    /** The realm's issuer, as it appears in the tokens' {@code iss} claim. */
    public String issuer() {
        return stripSlash(url) + "/realms/" + realm;
    }

    /** The realm's admin REST API, where the identity plugin looks up users and groups. */
    public String adminUrl() {
        return stripSlash(url) + "/admin/realms/" + realm;
    }

    public String endpoint(String name) {
        return issuer() + "/protocol/openid-connect/" + name;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
