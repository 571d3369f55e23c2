package io.stratum.insight;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stratum.ingestion.telemetry.TelemetryReceived;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Telemetry intake as meters: {@code stratum_telemetry_readings_total{source,outcome}} with outcome accepted or
 * rejected (the readings rate is its {@code rate()}).
 */
@Component
public class TelemetryMetrics {

    private final MeterRegistry registry;

    public TelemetryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    public void received(TelemetryReceived event) {
        String source = event.source() == null ? AiDecisionMetrics.UNKNOWN : event.source();
        count(source, "accepted", event.accepted());
        count(source, "rejected", event.rejected());
    }

    private void count(String source, String outcome, int readings) {
        Counter counter = Counter.builder("stratum.telemetry.readings")
                .description("Telemetry readings received, by source (http, mqtt) and outcome (accepted, rejected)")
                .tags("source", source, "outcome", outcome).register(registry);
        counter.increment(readings);
    }
}
