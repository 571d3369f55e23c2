package io.stratum.governance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.Map;

/**
 * Identity and access settings ({@code stratum.governance.*}).
 *
 * @param builtInUsers   create the built-in users, groups and authorizations at start (embedded default)
 * @param users          built-in users: id → password and groups
 * @param adminGroup     Camunda's administrator group (bypasses engine authorization)
 * @param auditGroups    groups that may read the decision log, feedback and outbox
 */
@Validated
@ConfigurationProperties("stratum.governance")
public record GovernanceSettings(boolean builtInUsers, @Valid Map<String, BuiltInUser> users,
                                 @NotBlank String adminGroup, @NotEmpty List<String> auditGroups) {

    public record BuiltInUser(@NotBlank String password, String firstName, String lastName, String email,
                              @NotEmpty List<String> groups) {
    }
}
