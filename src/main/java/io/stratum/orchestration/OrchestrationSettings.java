package io.stratum.orchestration;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the orchestration layer ({@code stratum.orchestration.*}).
 *
 * @param defaultReviewSla      how long a review may stay open before it escalates, when no DMN SLA is known
 *                              (e.g. the classification failed)
 * @param escalationAddress     who is mailed when a review breaches its SLA
 * @param escalatedTaskPriority Camunda task priority (0-100, Tasklist sorts by it) given to an escalated review
 */
@Validated
@ConfigurationProperties("stratum.orchestration")
public record OrchestrationSettings(@NotNull Duration defaultReviewSla,
                                    @NotBlank @Email String escalationAddress,
                                    @Min(0) @Max(100) int escalatedTaskPriority) {
}
