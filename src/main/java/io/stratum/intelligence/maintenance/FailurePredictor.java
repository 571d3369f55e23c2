package io.stratum.intelligence.maintenance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Serves the current failure model and the per-asset anomaly baselines. In the server the model is the model
 * registry's champion ({@link FailureModelRegistration} hands it over at start, so promotions and rollbacks apply to
 * the next prediction); standalone (tests, benchmarks) the bootstrap model is trained on first use from Stratum's
 * generated machine data, and {@link #replace} swaps in another model atomically. Anomaly baselines live in memory and are written behind
 * to {@link AnomalyBaselines}.
 */
@Service
public class FailurePredictor {

    public static final String MODEL = "maintenance-failure";
    private static final Logger log = LoggerFactory.getLogger(FailurePredictor.class);

    private final FailureModelSettings settings;
    private final AnomalyScorer anomalies;
    private final AtomicReference<FailureModel> current = new AtomicReference<>();
    private volatile Map<String, Object> metrics = Map.of();
    /** The model registry's champion, once {@link FailureModelRegistration} hands it over; null: self-trained. */
    private volatile Supplier<FailureModel> champion;
    private volatile Supplier<Map<String, Object>> championMetrics;

    private final AnomalyBaselines baselines;

    public FailurePredictor(FailureModelSettings settings, AnomalyBaselines baselines) {
        this.settings = settings;
        this.baselines = baselines;
        this.anomalies = new AnomalyScorer(settings.anomalyAlpha(), settings.anomalyWarmUp(), baselines::load);
    }

    /** Writes the baselines changed since the last flush (and on shutdown). */
    @Scheduled(fixedDelayString = "${stratum.failure-model.anomaly-flush:PT10S}")
    @PreDestroy
    public void flushBaselines() {
        Map<String, AnomalyScorer.State> changed = anomalies.drainChanged();
        if (!changed.isEmpty()) {
            baselines.save(changed);
        }
    }

    public FailurePrediction predict(MachineSample sample) {
        return model().predict(sample);
    }

    /** Predictions for several samples with one model (a retrained model swapped in meanwhile waits for the next). */
    public List<FailurePrediction> predictAll(List<MachineSample> samples) {
        return model().predictAll(samples);
    }

    /** Scores the measurements against the asset's own baseline and adds them to it. */
    public double anomaly(String assetId, MachineSample s) {
        return anomalies.score(assetId, new double[] {s.airTemperature(), s.processTemperature(),
                s.rotationalSpeed(), s.torque(), s.toolWear()});
    }

    public FailureModel model() {
        Supplier<FailureModel> served = champion;
        if (served != null) {
            return served.get();
        }
        FailureModel m = current.get();
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (current.get() == null) {
                List<MachineSample> data = new MachineDataGenerator(settings.seed())
                        .generate(settings.bootstrapExamples());
                FailureTrainer.Result result = FailureTrainer.train(data, settings.trainerConfig(), 1);
                metrics = result.metrics();
                log.info("Failure model trained on {} generated readings: {}", data.size(), result.metrics());
                current.set(result.model());
            }
            return current.get();
        }
    }

    /** Hold-out metrics of the model in service (empty before the first prediction). */
    public Map<String, Object> metrics() {
        Supplier<Map<String, Object>> served = championMetrics;
        return served != null ? served.get() : metrics;
    }

    public void replace(FailureModel model, Map<String, Object> newMetrics) {
        champion = null;
        championMetrics = null;
        current.set(model);
        metrics = Map.copyOf(newMetrics);
    }

    /**
     * Serves the model registry's champion from now on: each prediction reads the champion once, so a promotion
     * swaps the model between predictions and a prediction in flight finishes on the version it started with.
     */
    public void serveFrom(Supplier<FailureModel> registryChampion, Supplier<Map<String, Object>> registryMetrics) {
        championMetrics = registryMetrics;
        champion = registryChampion;
    }
}
