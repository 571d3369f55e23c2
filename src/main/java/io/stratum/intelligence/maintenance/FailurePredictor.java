package io.stratum.intelligence.maintenance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves the current failure model and the per-asset anomaly baselines. The bootstrap model is trained on first use
 * from Stratum's generated machine data (seconds), so servers that never see telemetry never pay for it;
 * {@link #replace} swaps in a retrained model atomically. Anomaly baselines live in memory and are written behind
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
        return metrics;
    }

    public void replace(FailureModel model, Map<String, Object> newMetrics) {
        current.set(model);
        metrics = Map.copyOf(newMetrics);
    }
}
