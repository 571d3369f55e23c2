package io.stratum.insight;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratum.ingestion.telemetry.TelemetryReceived;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryMetricsTests {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TelemetryMetrics metrics = new TelemetryMetrics(registry);

    @Test
    void countsReadingsBySourceAndOutcome() {
        metrics.received(new TelemetryReceived("http", 3, 1));
        metrics.received(new TelemetryReceived("mqtt", 5, 0));
        metrics.received(new TelemetryReceived("http", 2, 0));

        assertThat(registry.get("stratum.telemetry.readings").tags("source", "http", "outcome", "accepted")
                .counter().count()).isEqualTo(5);
        assertThat(registry.get("stratum.telemetry.readings").tags("source", "http", "outcome", "rejected")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("stratum.telemetry.readings").tags("source", "mqtt", "outcome", "accepted")
                .counter().count()).isEqualTo(5);
        // present with zero, so a rejection rate of a clean source is 0, not "no data"
        assertThat(registry.get("stratum.telemetry.readings").tags("source", "mqtt", "outcome", "rejected")
                .counter().count()).isZero();
    }
}
