package io.stratum.ingestion;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the ingestion layer ({@code stratum.ingestion.*}).
 *
 * @param maxRequestSize      largest accepted request body of the intake endpoints (413 above)
 * @param maxBodyChars        largest accepted inquiry body, in characters (code points)
 * @param channels            accepted inquiry channels
 * @param startTimeout        how long a concurrent duplicate waits for the first request's workflow start, and after
 *                            which a start that never finished (crash) may be claimed again
 * @param maxImportSize       largest accepted customer CSV import
 * @param demoCustomers       load the demo customer list when the customer table is empty
 * @param retry               background restart of failed workflow starts
 * @param backlog             load shedding of the intake (REST and IMAP) when the job executor falls behind
 */
@Validated
@ConfigurationProperties("stratum.ingestion")
public record IngestionSettings(
        @NotNull @DefaultValue("64KB") DataSize maxRequestSize,
        @Positive @Max(1_000_000) @DefaultValue("10000") int maxBodyChars,
        @NotEmpty @DefaultValue({"web", "email", "chat", "api"}) List<String> channels,
        @NotNull @DefaultValue("PT30S") Duration startTimeout,
        @NotNull @DefaultValue("1MB") DataSize maxImportSize,
        @DefaultValue("true") boolean demoCustomers,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Mail mail,
        @Valid @NotNull @DefaultValue Backlog backlog) {

    /**
     * Load shedding of {@code POST /api/inquiries} and the IMAP poller (see IntakeBacklog).
     *
     * @param limit   jobs due and not yet done (cluster-wide) from which a new inquiry waits for room; 0: off
     * @param maxWait how long a request waits before it is refused with 503 and Retry-After
     */
    public record Backlog(@PositiveOrZero @DefaultValue("5000") int limit,
                          @NotNull @DefaultValue("PT1S") Duration maxWait) {
    }

    /**
     * Background restart of inquiries whose workflow start failed (engine down, ...).
     *
     * @param interval  delay between runs, and how long a failed inquiry rests before it is tried again
     * @param batchSize inquiries per run
     */
    public record Retry(@DefaultValue("true") boolean enabled,
                        @NotNull @DefaultValue("PT1M") Duration interval,
                        @Positive @DefaultValue("20") int batchSize) {
    }

    /** @param imap the IMAP mailbox polled for inquiries; off while {@code host} is empty */
    public record Mail(@Valid @NotNull @DefaultValue Imap imap) {
    }

    /**
     * @param protocol       {@code imap} or {@code imaps}
     * @param pollInterval   delay between polls (read by the scheduler)
     * @param initialDelay   delay of the first poll after start (read by the scheduler)
     * @param maxPerPoll     messages handled per poll, so one poll stays short
     * @param timeout        connect/read timeout
     */
    public record Imap(@DefaultValue("") String host,
                       @Positive @DefaultValue("993") int port,
                       @NotEmpty @DefaultValue("imaps") String protocol,
                       @DefaultValue("") String username,
                       @DefaultValue("") String password,
                       @NotEmpty @DefaultValue("INBOX") String folder,
                       @NotNull @DefaultValue("PT1M") Duration pollInterval,
                       @NotNull @DefaultValue("PT10S") Duration initialDelay,
                       @Positive @DefaultValue("50") int maxPerPoll,
                       @NotNull @DefaultValue("PT20S") Duration timeout) {

        public boolean enabled() {
            return StringUtils.hasText(host);
        }
    }
}
