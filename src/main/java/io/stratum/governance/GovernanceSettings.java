package io.stratum.governance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Identity and access settings ({@code stratum.governance.*}).
 *
 * @param builtInUsers   create the built-in users, groups and authorizations at start (embedded default)
 * @param users          built-in users: id → password and groups
 * @param adminGroup     Camunda's administrator group (bypasses engine authorization)
 * @param auditGroups    groups that may read the decision log, feedback and outbox
 * @param authenticationCacheTtl how long a successful HTTP Basic check is reused for the same credentials
 *                               (0 = check every request)
 */
@Validated
@ConfigurationProperties("stratum.governance")
public record GovernanceSettings(boolean builtInUsers, @Valid Map<String, BuiltInUser> users,
                                 @NotBlank String adminGroup, @NotEmpty List<String> auditGroups,
                                 @DefaultValue("5s") Duration authenticationCacheTtl) {

    public record BuiltInUser(@NotBlank String password, String firstName, String lastName, String email,
                              @NotEmpty List<String> groups) {
    }
}
