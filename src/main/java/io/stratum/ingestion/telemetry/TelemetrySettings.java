package io.stratum.ingestion.telemetry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of telemetry ingestion ({@code stratum.telemetry.*}).
 *
 * @param maxRequestSize largest accepted {@code POST /api/telemetry} body (413 above)
 * @param maxBatch       readings per request or MQTT message
 * @param maxClockSkew   how far in the future a reading's time may lie
 * @param retention      readings, raw messages and dead letters older than this are deleted
 * @param purgeInterval  how often the retention purge runs (read by the scheduler)
 * @param demoAssets     load the demo assets when the asset table is empty
 * @param maxImportSize  largest accepted asset CSV import
 * @param mqtt           the MQTT subscription; off while {@code brokerUrl} is empty
 */
@Validated
@ConfigurationProperties("stratum.telemetry")
public record TelemetrySettings(
        @NotNull @DefaultValue("1MB") DataSize maxRequestSize,
        @Positive @Max(100_000) @DefaultValue("1000") int maxBatch,
        @NotNull @DefaultValue("PT5M") Duration maxClockSkew,
        @NotNull @DefaultValue("P30D") Duration retention,
        @NotNull @DefaultValue("PT1H") Duration purgeInterval,
        @DefaultValue("true") boolean demoAssets,
        @NotNull @DefaultValue("1MB") DataSize maxImportSize,
        @Valid @NotNull @DefaultValue Mqtt mqtt) {

    /**
     * @param brokerUrl   e.g. {@code tcp://localhost:1883}; empty = no MQTT
     * @param topicFilter subscription; {@code $share/<group>/...} lets several nodes split the stream (MQTT v5)
     * @param clientId    unique per node; empty = generated
     * @param qos         0, 1 or 2
     */
    public record Mqtt(@DefaultValue("") String brokerUrl,
                       @NotBlank @DefaultValue("$share/stratum/stratum/telemetry/+") String topicFilter,
                       @DefaultValue("") String clientId,
                       @Min(0) @Max(2) @DefaultValue("1") int qos,
                       @DefaultValue("") String username,
                       @DefaultValue("") String password) {

        public boolean enabled() {
            return StringUtils.hasText(brokerUrl);
        }
    }
}
