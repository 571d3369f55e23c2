package io.stratum.learning;

import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.maintenance.FailureModel;
import io.stratum.intelligence.maintenance.FailureModelSettings;
import io.stratum.intelligence.maintenance.FailurePrediction;
import io.stratum.intelligence.maintenance.FailurePredictor;
import io.stratum.intelligence.maintenance.FailureTrainer;
import io.stratum.intelligence.maintenance.MachineDataGenerator;
import io.stratum.intelligence.maintenance.MachineSample;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The failure model ({@value FailurePredictor#MODEL}): technicians' visit outcomes (fault found? which mode?) on the
 * reading that opened the case are its feedback ({@link FailureFeedback}). A challenger is the same network trained
 * by {@link FailureTrainer} on the generated machine readings plus imported examples plus the outcomes (oversampled,
 * {@code stratum.learning.kinds.failure-feedback-weight}). Scored by F1 of "fault found" on the newest outcomes (the
 * alarms that were real against those that were not), per product type by accuracy.
 */
@Component
@Order(10)
public class FailureModelKind implements ModelKind {

    private final ModelRegistry registry;
    private final FailureModelSettings failure;
    private final KindSettings settings;
    private final ExampleImporter imported;

    public FailureModelKind(ModelRegistry registry, FailureModelSettings failure, KindSettings settings,
                            ExampleImporter imported) {
        this.registry = registry;
        this.failure = failure;
        this.settings = settings;
        this.imported = imported;
    }

    @Override
    public String kind() {
        return "failure";
    }

    @Override
    public boolean handles(String model) {
        return FailurePredictor.MODEL.equals(model);
    }

    @Override
    public String metric() {
        return "F1 of fault found";
    }

    @Override
    public String segmentBasis() {
        return "product type (accuracy of the fault-found decision)";
    }

    @Override
    public boolean usable(Feedback feedback) {
        return FailureFeedback.sample(feedback).isPresent();
    }

    @Override
    public Training train(String model, List<Feedback> feedback, Path artefact, Consumer<String> phase)
            throws IOException {
        int n = settings.failureBootstrapExamples() > 0 ? settings.failureBootstrapExamples()
                : failure.bootstrapExamples();
        phase.accept("generating " + n + " machine readings");
        List<MachineSample> samples = new ArrayList<>(new MachineDataGenerator(failure.seed()).generate(n));
        int importedExamples = 0;
        for (Map.Entry<String, String> e : imported.examples(model)) {
            Optional<MachineSample> s = FailureFeedback.sample(e.getKey(), e.getValue());
            if (s.isPresent()) {
                samples.add(s.get());
                importedExamples++;
            }
        }
        List<MachineSample> outcomes = feedback.stream().map(FailureFeedback::sample).flatMap(Optional::stream)
                .toList();
        for (int r = 0; r < settings.failureFeedbackWeight(); r++) {
            samples.addAll(outcomes);
        }
        phase.accept("training on " + samples.size() + " readings (" + n + " generated, " + importedExamples
                + " imported, " + outcomes.size() + " outcomes x" + settings.failureFeedbackWeight() + ")");
        FailureTrainer.Result result = FailureTrainer.train(samples, failure.trainerConfig(), 0);
        result.model().save(artefact);
        Map<String, Object> metrics = new LinkedHashMap<>(result.metrics());
        metrics.put("bootstrapExamples", n);
        metrics.put("importedExamples", importedExamples);
        metrics.put("feedbackWeight", settings.failureFeedbackWeight());
        return new Training(samples.size(), metrics, n + " generated readings (seed " + failure.seed() + ") + "
                + importedExamples + " imported + " + outcomes.size() + " visit outcomes");
    }

    @Override
    public Score score(String model, int version, List<Feedback> holdout) {
        FailureModel m = registry.model(model, version, FailureModel.class);
        List<MachineSample> samples = holdout.stream().map(FailureFeedback::sample).flatMap(Optional::stream)
                .toList();
        double[] p = new double[samples.size()];
        boolean[] truth = new boolean[samples.size()];
        Map<String, int[]> bySegment = new TreeMap<>(); // product type -> {n, right}
        for (int i = 0; i < samples.size(); i++) {
            FailurePrediction prediction = m.predict(samples.get(i));
            p[i] = prediction.failureProbability();
            truth[i] = samples.get(i).failed();
            int[] c = bySegment.computeIfAbsent("type " + samples.get(i).productType(), k -> new int[2]);
            c[0]++;
            c[1] += prediction.predictedFailure() == truth[i] ? 1 : 0;
        }
        double f1 = ((Number) FailureTrainer.binaryMetrics(p, truth, m.threshold()).get("f1")).doubleValue();
        Map<String, SegmentScore> segments = new LinkedHashMap<>();
        bySegment.forEach((s, c) -> segments.put(s, new SegmentScore(c[0], (double) c[1] / c[0])));
        return new Score(f1, samples.size(), segments);
    }
}
