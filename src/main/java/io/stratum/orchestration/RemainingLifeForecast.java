package io.stratum.orchestration;

import io.stratum.ingestion.telemetry.TelemetryStore;
import io.stratum.intelligence.maintenance.RulModelSettings;
import io.stratum.intelligence.maintenance.RulPredictor;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The assess step's remaining-life forecast for an asset: its newest readings that carry the 21 cycle sensors are
 * its history (one reading = one operating cycle, oldest first), the remaining-life model says how many cycles are
 * left, and the typical (median) time between those readings turns cycles into a forecast failure time.
 */
@Component
public class RemainingLifeForecast {

    /** The forecast: cycles left, the cycle length it assumed, when the asset is expected to fail, from how many. */
    public record Forecast(double remainingCycles, Duration cycle, Instant failureAt, int historyCycles) {
    }

    private final TelemetryStore telemetry;
    private final RulPredictor predictor;
    private final RulModelSettings settings;

    public RemainingLifeForecast(TelemetryStore telemetry, RulPredictor predictor, RulModelSettings settings) {
        this.telemetry = telemetry;
        this.predictor = predictor;
        this.settings = settings;
    }

    /** Empty when the asset has too few readings with cycle sensors (or they share one timestamp). */
    public Optional<Forecast> forecast(String assetId) {
        List<TelemetryStore.SensorCycle> history = telemetry.sensorHistory(assetId, settings.maxHistory());
        if (history.size() < Math.max(2, settings.minHistory())) {
            return Optional.empty();
        }
        List<Long> gaps = new ArrayList<>(history.size() - 1);
        for (int i = 1; i < history.size(); i++) {
            long ms = Duration.between(history.get(i - 1).measuredAt(), history.get(i).measuredAt()).toMillis();
            if (ms > 0) {
                gaps.add(ms);
            }
        }
        if (gaps.isEmpty()) {
            return Optional.empty();
        }
        Collections.sort(gaps);
        Duration cycle = Duration.ofMillis(gaps.get(gaps.size() / 2));
        Double cycles = predictor.remainingCycles(history.stream().map(TelemetryStore.SensorCycle::sensors).toList());
        if (cycles == null) {
            return Optional.empty();
        }
        double shown = Math.round(cycles * 10) / 10.0;
        Instant last = history.get(history.size() - 1).measuredAt();
        Instant failureAt = last.plusMillis(Math.round(shown * cycle.toMillis()));
        return Optional.of(new Forecast(shown, cycle, failureAt, history.size()));
    }
}
