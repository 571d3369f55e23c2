package io.stratum.learning;

import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.bootstrap.BootstrapModels;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.model.TrainingConfig;
import io.stratum.intelligence.text.SentenceEncoders;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Text classifiers (support topic and urgency, and any model imported as text,label): the DJL head over MiniLM
 * embeddings and hashed n-grams, trained on the generated bootstrap inquiries plus imported examples plus the
 * feedback (oversampled); scored by accuracy on the hold-out, per true label.
 */
@Component
@Order // last: answers for every model no other kind claims
public class TextModelKind implements ModelKind {

    public static final String KIND = "text";

    private final ModelRegistry registry;
    private final SentenceEncoders encoders;
    private final IntelligenceSettings intelligence;
    private final LearningSettings settings;
    private final ExampleImporter imported;

    public TextModelKind(ModelRegistry registry, SentenceEncoders encoders, IntelligenceSettings intelligence,
                         LearningSettings settings, ExampleImporter imported) {
        this.registry = registry;
        this.encoders = encoders;
        this.intelligence = intelligence;
        this.settings = settings;
        this.imported = imported;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean handles(String model) {
        return true;
    }

    @Override
    public String metric() {
        return "accuracy";
    }

    @Override
    public String segmentBasis() {
        return ChampionChallenger.SEGMENT_BASIS;
    }

    @Override
    public boolean calibratesThreshold() {
        return true;
    }

    @Override
    public boolean servesRefit() {
        return true;
    }

    @Override
    public Training train(String model, List<Feedback> feedback, Path artefact, Consumer<String> phase)
            throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        TrainingConfig cfg = intelligence.training().toConfig();
        BootstrapModels.examples(model, intelligence.bootstrapExamples(), cfg.seed()).forEach(e -> {
            texts.add(e.getKey());
            labels.add(e.getValue());
        });
        int bootstrap = texts.size();
        imported.examples(model).forEach(e -> {
            texts.add(e.getKey());
            labels.add(e.getValue());
        });
        int importedExamples = texts.size() - bootstrap;
        for (int r = 0; r < settings.feedbackWeight(); r++) {
            for (Feedback f : feedback) {
                texts.add(f.input());
                labels.add(f.corrected());
            }
        }
        phase.accept("embedding " + texts.size() + " examples");
        float[][] embeddings = cfg.features().usesEmbedding() ? embed(texts) : null;
        phase.accept("training on " + texts.size() + " examples (" + bootstrap + " bootstrap, "
                + importedExamples + " imported, " + feedback.size() + " feedback x" + settings.feedbackWeight() + ")");
        HeadTrainer.Result result = HeadTrainer.train(texts, labels, embeddings, cfg, bootstrap)
                .withEncoder(encoders.configured().form());
        result.model().save(artefact);
        Map<String, Object> metrics = new LinkedHashMap<>(result.metrics());
        metrics.put("bootstrapExamples", bootstrap);
        metrics.put("importedExamples", importedExamples);
        metrics.put("feedbackWeight", settings.feedbackWeight());
        return new Training(texts.size(), metrics, bootstrap + " bootstrap + " + importedExamples + " imported + "
                + feedback.size() + " feedback");
    }

    /** Embeds each distinct text once (feedback is oversampled, so texts repeat). */
    private float[][] embed(List<String> texts) {
        Map<String, Integer> index = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        for (String t : texts) {
            index.computeIfAbsent(t, k -> {
                distinct.add(k);
                return distinct.size() - 1;
            });
        }
        float[][] unique = encoders.configured().embedAll(distinct, 32);
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = unique[index.get(texts.get(i))];
        }
        return out;
    }

    @Override
    public Score score(String model, int version, List<Feedback> holdout) {
        TextModel m = registry.evaluationModel(model, version);
        List<Prediction> predictions = TextPipeline.predictAll(model, version, m, TextPipeline.encoderFor(m, encoders),
                holdout.stream().map(Feedback::input).toList());
        Map<String, int[]> counts = new TreeMap<>(); // true label -> {n, right}
        int right = 0;
        for (int i = 0; i < holdout.size(); i++) {
            String truth = holdout.get(i).corrected();
            boolean ok = truth.equals(predictions.get(i).label());
            right += ok ? 1 : 0;
            int[] c = counts.computeIfAbsent(truth, k -> new int[2]);
            c[0]++;
            c[1] += ok ? 1 : 0;
        }
        Map<String, SegmentScore> segments = new LinkedHashMap<>();
        counts.forEach((label, c) -> segments.put(label, new SegmentScore(c[0], (double) c[1] / c[0])));
        return new Score(holdout.isEmpty() ? 0 : (double) right / holdout.size(), holdout.size(), segments);
    }
}
