package io.stratum.learning;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import io.stratum.intelligence.bootstrap.BootstrapModels;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.SentenceEncoder;
import io.stratum.intelligence.text.SentenceEncoders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per model version: override rate and accuracy on the reviewed items (from the feedback), and the drift of its
 * confidences on the inputs people reviewed against its confidences on training examples (PSI). Also the threshold
 * in force and what calibration would derive now. Each report also sets the gauges
 * {@code stratum_model_override_rate}, {@code stratum_model_reviewed_accuracy}, {@code stratum_model_reviewed_items},
 * {@code stratum_model_confidence_psi} and {@code stratum_model_threshold} (tags model, version); a schedule
 * ({@code stratum.learning.monitoring-refresh}) keeps them current for the scheduled models.
 */
@Service
public class ModelMonitoring {

    private static final Logger log = LoggerFactory.getLogger(ModelMonitoring.class);

    /** Newest reviewed items replayed per version for drift and calibration. */
    static final int RECENT = 500;
    static final int TRAINING_SAMPLE = 300;
    /** Versions with fewer reviewed items get no PSI: a histogram of a handful says nothing. */
    static final int MIN_PSI_ITEMS = 20;

    /**
     * @param confidencePsi drift of this version's confidences on its newest reviewed inputs against training
     *                      examples; null with fewer than {@link #MIN_PSI_ITEMS} items or when the files are gone
     */
    public record VersionStats(int version, String status, long reviewed, long overridden, double overrideRate,
                               double accuracyOnReviewed, Double confidencePsi, int psiItems) {
    }

    /**
     * @param threshold        the value in force (source configured or derived, since when)
     * @param derivedThreshold what calibration would derive now for the champion on the reviewed items it never
     *                         trained on (a recommendation; POST .../calibrate puts it in force)
     */
    public record Report(String model, Integer championVersion, List<VersionStats> versions,
                         AutomationThreshold.InForce threshold, double targetPrecision,
                         Calibration.Threshold derivedThreshold, Double confidencePsi, int recentItems,
                         Instant computedAt, String notes) {
    }

    private final RetrainingStore store;
    private final ModelRegistry registry;
    private final SentenceEncoders encoders;
    private final AutomationThreshold thresholds;
    private final IntelligenceSettings intelligence;
    private final LearningSettings settings;
    private final MeterRegistry meters;
    private final org.springframework.beans.factory.ObjectProvider<ChampionChallenger> championChallenger;
    private final Map<String, float[][]> trainingEmbeddings = new ConcurrentHashMap<>(); // model@encoder
    private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    public ModelMonitoring(RetrainingStore store, ModelRegistry registry, SentenceEncoders encoders,
                           AutomationThreshold thresholds, IntelligenceSettings intelligence,
                           LearningSettings settings, MeterRegistry meters,
                           org.springframework.beans.factory.ObjectProvider<ChampionChallenger> championChallenger) {
        this.championChallenger = championChallenger;
        this.store = store;
        this.registry = registry;
        this.encoders = encoders;
        this.thresholds = thresholds;
        this.intelligence = intelligence;
        this.settings = settings;
        this.meters = meters;
    }

    @Scheduled(initialDelayString = "${stratum.learning.monitoring-refresh:PT10M}",
            fixedDelayString = "${stratum.learning.monitoring-refresh:PT10M}")
    void refresh() {
        ChampionChallenger kinds = championChallenger.getIfAvailable();
        for (String model : settings.scheduledModels()) {
            try {
                // Confidence drift and override rates are about the text classifiers' confidence gate.
                if (!registry.versions(model).isEmpty() && (kinds == null || kinds.calibratesThreshold(model))) {
                    report(model);
                }
            } catch (RuntimeException e) {
                log.warn("Monitoring of {} failed: {}", model, e.getMessage());
            }
        }
    }

    public Report report(String model) {
        List<Feedback> all = store.allFeedback(model).stream()
                .filter(f -> f.corrected() != null && !f.corrected().isBlank()).toList();
        Map<Integer, List<Feedback>> byVersion = new TreeMap<>();
        for (Feedback f : all) {
            byVersion.computeIfAbsent(f.modelVersion(), k -> new ArrayList<>()).add(f);
        }
        Map<Integer, ModelVersion> known = new HashMap<>();
        registry.versions(model).forEach(v -> known.put(v.version(), v));
        ModelRegistry.Champion champion = registry.champion(model);
        byVersion.putIfAbsent(champion.version(), List.of());

        // Embed each distinct text once: the newest reviewed inputs of every version, plus the training sample; every
        // version is then replayed on the same vectors.
        List<Feedback> recent = all.subList(Math.max(0, all.size() - RECENT), all.size());
        Instant unseenFrom = known.containsKey(champion.version())
                ? AutomationThreshold.unseenFrom(known.get(champion.version())) : null;
        // PSI for the champion and the versions people reviewed lately; older versions keep their review figures
        java.util.Set<Integer> psiVersions = new java.util.HashSet<>();
        psiVersions.add(champion.version());
        recent.forEach(f -> psiVersions.add(f.modelVersion()));
        List<String> psiInputs = byVersion.entrySet().stream().filter(e -> psiVersions.contains(e.getKey()))
                .flatMap(e -> e.getValue().subList(Math.max(0, e.getValue().size() - RECENT), e.getValue().size())
                        .stream())
                .map(Feedback::input).toList();
        List<String> trainingSample = trainingSample(model);
        // Versions trained with the same sentence encoder share its vectors (usually all of them share one)
        Map<EncoderModel, Map<String, float[]>> vectorsByEncoder = new HashMap<>();

        List<VersionStats> versions = new ArrayList<>();
        Double championPsi = null;
        for (Map.Entry<Integer, List<Feedback>> e : byVersion.entrySet()) {
            int version = e.getKey();
            List<Feedback> items = e.getValue();
            long overridden = items.stream().filter(Feedback::overridden).count();
            double rate = items.isEmpty() ? 0 : Calibration.round((double) overridden / items.size());
            List<Feedback> newest = items.subList(Math.max(0, items.size() - RECENT), items.size());
            Double psi = null;
            TextModel m = !psiVersions.contains(version) ? null
                    : version == champion.version() ? champion.model() : load(model, version);
            if (m != null && newest.size() >= MIN_PSI_ITEMS) {
                SentenceEncoder encoder = TextPipeline.encoderFor(m, encoders);
                float[][] trainingVectors = encoder == null ? null : trainingEmbeddings.computeIfAbsent(
                        model + "@" + encoder.form().id(), k -> encoder.embedAll(trainingSample, 32));
                Map<String, float[]> vectors = encoder == null ? Map.of()
                        : vectorsByEncoder.computeIfAbsent(encoder.form(), f -> embed(encoder, psiInputs));
                double[] expected = confidences(m, trainingSample, trainingVectors);
                double[] actual = confidences(m, newest.stream().map(Feedback::input).toList(), vectors);
                psi = Calibration.psi(expected, actual, 10);
            }
            ModelVersion mv = known.get(version);
            VersionStats stats = new VersionStats(version, mv == null ? "unknown" : mv.status(), items.size(),
                    overridden, rate, items.isEmpty() ? 0 : Calibration.round(1 - rate), psi, newest.size());
            versions.add(stats);
            if (version == champion.version()) {
                championPsi = psi;
            }
            gauge("stratum.model.reviewed.items", "Reviewed AI decisions of this model version", model, version,
                    (double) items.size());
            if (!items.isEmpty()) {
                gauge("stratum.model.override.rate", "Share of reviewed decisions a person changed", model, version,
                        rate);
                gauge("stratum.model.reviewed.accuracy", "Share of reviewed decisions a person confirmed", model,
                        version, 1 - rate);
            }
            if (psi != null) {
                gauge("stratum.model.confidence.psi", "PSI of confidences on reviewed inputs vs training examples",
                        model, version, psi);
            }
        }

        // The same derivation the Calibrate threshold step runs (feedback the champion never saw, recent inputs)
        Calibration.Threshold derived = thresholds.derive(model, champion.version(), unseenFrom);
        AutomationThreshold.InForce inForce = thresholds.inForce(model);
        gauge("stratum.model.threshold", "Automation threshold in force", model, champion.version(),
                inForce.threshold());
        return new Report(model, champion.version(), versions, inForce, settings.targetPrecision(), derived,
                championPsi, recent.size(), Instant.now(),
                "Reviewed items are the ones people saw (below the threshold, or all when every decision is reviewed,"
                        + " plus spot checks of confident ones), so override rate, accuracy and PSI describe the reviewed population. PSI compares each"
                        + " version's confidences on its newest reviewed inputs with those on generated training"
                        + " examples (above 0.25: major drift). The derived threshold is what the Calibrate threshold step"
                        + " would put in force now: its precision estimated over the inputs this node classified since"
                        + " the champion's unseen feedback began, reviewed ones as they came out, the others by its"
                        + " accuracy per confidence on reviewed items it never trained on, corrected by the spot checks"
                        + " (each weighed as the automated decisions it stands for), a lower bound.");
    }

    private static Map<String, float[]> embed(SentenceEncoder encoder, List<String> texts) {
        Map<String, float[]> out = new LinkedHashMap<>();
        List<String> distinct = new ArrayList<>();
        for (String t : texts) {
            if (!out.containsKey(t)) {
                out.put(t, null);
                distinct.add(t);
            }
        }
        if (!distinct.isEmpty()) {
            float[][] e = encoder.embedAll(distinct, 32);
            for (int i = 0; i < distinct.size(); i++) {
                out.put(distinct.get(i), e[i]);
            }
        }
        return out;
    }

    private static double[] confidences(TextModel m, List<String> texts, Map<String, float[]> vectors) {
        double[] out = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            double[] p = m.probabilities(m.sparse(texts.get(i)), m.needsEmbedding() ? vectors.get(texts.get(i)) : null);
            out[i] = p[argmax(p)];
        }
        return out;
    }

    private static double[] confidences(TextModel m, List<String> texts, float[][] vectors) {
        double[] out = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            double[] p = m.probabilities(m.sparse(texts.get(i)), m.needsEmbedding() ? vectors[i] : null);
            out[i] = p[argmax(p)];
        }
        return out;
    }

    private TextModel load(String model, int version) {
        try {
            return registry.model(model, version);
        } catch (RuntimeException e) {
            return null; // an unknown or unreadable version gets review figures but no PSI
        }
    }

    private void gauge(String name, String description, String model, int version, double value) {
        String key = name + "|" + model + "|" + version;
        gauges.computeIfAbsent(key, k -> {
            AtomicReference<Double> ref = new AtomicReference<>(value);
            Gauge.builder(name, ref, r -> r.get()).description(description)
                    .tags("model", model, "version", Integer.toString(version)).register(meters);
            return ref;
        }).set(value);
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    private List<String> trainingSample(String model) {
        List<String> out = new ArrayList<>();
        BootstrapModels.examples(model, TRAINING_SAMPLE, intelligence.training().seed() + 1)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }
}
