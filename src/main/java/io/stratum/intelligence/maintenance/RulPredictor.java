package io.stratum.intelligence.maintenance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves the remaining-useful-life model like {@link FailurePredictor} serves the failure model: the bootstrap
 * model is trained on first use from {@link RulDataGenerator}'s engines (no public data) and kept in memory;
 * {@link #replace} swaps in another atomically.
 */
@Service
public class RulPredictor {

    public static final String MODEL = "maintenance-rul";
    private static final Logger log = LoggerFactory.getLogger(RulPredictor.class);

    private final RulModelSettings settings;
    private final AtomicReference<RulModel> current = new AtomicReference<>();
    private volatile Map<String, Object> metrics = Map.of();

    public RulPredictor(RulModelSettings settings) {
        this.settings = settings;
    }

    /**
     * Remaining life in cycles after the newest of {@code cycles} (oldest first, 21 C-MAPSS sensor values each), or
     * null when the history is shorter than {@code min-history}.
     */
    public Double remainingCycles(List<double[]> cycles) {
        if (cycles.size() < settings.minHistory()) {
            return null;
        }
        List<double[]> recent = cycles.subList(Math.max(0, cycles.size() - settings.maxHistory()), cycles.size());
        return model().predict(new EngineHistory("asset", recent, 0));
    }

    public RulModel model() {
        RulModel m = current.get();
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (current.get() == null) {
                RulTrainer.Result result = bootstrap(settings);
                metrics = result.metrics();
                log.info("Remaining-life model trained on {} generated engines: {}", settings.bootstrapEngines(),
                        result.metrics());
                current.set(result.model());
            }
            return current.get();
        }
    }

    /** The bootstrap model as the server trains it (also for the benchmark). */
    public static RulTrainer.Result bootstrap(RulModelSettings settings) {
        List<EngineHistory> engines = new RulDataGenerator(settings.seed()).generate(settings.bootstrapEngines());
        return RulTrainer.train(engines, settings.trainerConfig());
    }

    /** Hold-out metrics (on generated engines) of the model in service; empty before the first forecast. */
    public Map<String, Object> metrics() {
        return metrics;
    }

    public void replace(RulModel model, Map<String, Object> newMetrics) {
        current.set(model);
        metrics = Map.copyOf(newMetrics);
    }
}
