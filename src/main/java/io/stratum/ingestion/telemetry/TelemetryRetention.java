package io.stratum.ingestion.telemetry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Deletes telemetry older than the retention, so the time series stays bounded. */
@Component
class TelemetryRetention {

    private static final Logger log = LoggerFactory.getLogger(TelemetryRetention.class);

    private final TelemetryStore store;
    private final TelemetrySettings settings;

    TelemetryRetention(TelemetryStore store, TelemetrySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${stratum.telemetry.purge-interval:PT1H}",
            initialDelayString = "${stratum.telemetry.purge-interval:PT1H}")
    int purge() {
        int deleted = store.purge(Instant.now().minus(settings.retention()));
        if (deleted > 0) {
            log.info("Telemetry retention: {} rows older than {} deleted", deleted, settings.retention());
        }
        return deleted;
    }
}
