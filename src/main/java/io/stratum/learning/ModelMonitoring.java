package io.stratum.learning;

import io.stratum.intelligence.ConfidenceThresholds;
import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.bootstrap.BootstrapModels;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.text.SentenceEncoder;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per model: override rate and accuracy on reviewed items per version (from the feedback), the confidence threshold
 * that would have reached the target precision on the newest reviewed items (the champion replayed on them), and
 * PSI drift of the champion's confidences on recent inputs against its training examples.
 */
@Service
public class ModelMonitoring {

    static final int RECENT = 500;
    static final int TRAINING_SAMPLE = 300;

    public record VersionStats(int version, long reviewed, long overridden, double overrideRate,
                               double accuracyOnReviewed) {
    }

    public record Report(String model, Integer championVersion, List<VersionStats> versions,
                         double thresholdInForce, double targetPrecision, Calibration.Threshold derivedThreshold,
                         Double confidencePsi, int recentItems, String notes) {
    }

    private final RetrainingStore store;
    private final ModelRegistry registry;
    private final SentenceEncoder encoder;
    private final ConfidenceThresholds thresholds;
    private final IntelligenceSettings intelligence;
    private final LearningSettings settings;

    public ModelMonitoring(RetrainingStore store, ModelRegistry registry, SentenceEncoder encoder,
                           ConfidenceThresholds thresholds, IntelligenceSettings intelligence,
                           LearningSettings settings) {
        this.store = store;
        this.registry = registry;
        this.encoder = encoder;
        this.thresholds = thresholds;
        this.intelligence = intelligence;
        this.settings = settings;
    }

    public Report report(String model) {
        List<Feedback> all = store.allFeedback(model);
        Map<Integer, long[]> perVersion = new TreeMap<>();
        for (Feedback f : all) {
            long[] c = perVersion.computeIfAbsent(f.modelVersion(), k -> new long[2]);
            c[0]++;
            c[1] += f.overridden() ? 1 : 0;
        }
        List<VersionStats> versions = perVersion.entrySet().stream().map(e -> new VersionStats(e.getKey(),
                e.getValue()[0], e.getValue()[1], Calibration.round((double) e.getValue()[1] / e.getValue()[0]),
                Calibration.round(1 - (double) e.getValue()[1] / e.getValue()[0]))).toList();

        ModelRegistry.Champion champion = registry.champion(model);
        List<Feedback> recent = all.subList(Math.max(0, all.size() - RECENT), all.size()).stream()
                .filter(f -> f.corrected() != null).toList();
        Calibration.Threshold derived = new Calibration.Threshold(null, 0, 0, 0);
        Double psi = null;
        if (!recent.isEmpty()) {
            List<Prediction> p = TextPipeline.predictAll(model, champion.version(), champion.model(), encoder,
                    recent.stream().map(Feedback::input).toList());
            double[] conf = p.stream().mapToDouble(Prediction::confidence).toArray();
            boolean[] correct = new boolean[p.size()];
            for (int i = 0; i < p.size(); i++) {
                correct[i] = p.get(i).label().equals(recent.get(i).corrected());
            }
            derived = Calibration.threshold(conf, correct, settings.targetPrecision());
            List<String> training = trainingSample(model);
            if (!training.isEmpty()) {
                double[] expected = TextPipeline.predictAll(model, champion.version(), champion.model(), encoder,
                        training).stream().mapToDouble(Prediction::confidence).toArray();
                psi = Calibration.psi(expected, conf, 10);
            }
        }
        return new Report(model, champion.version(), versions, thresholds.threshold(model),
                settings.targetPrecision(), derived, psi, recent.size(),
                "Reviewed items are the ones people saw (mostly below the threshold, or all with review-everything),"
                        + " so override rate and PSI describe the reviewed population; the derived threshold replays"
                        + " the current champion on them and is a recommendation until configured.");
    }

    private List<String> trainingSample(String model) {
        List<String> out = new ArrayList<>();
        BootstrapModels.examples(model, TRAINING_SAMPLE, intelligence.training().seed() + 1)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }
}
