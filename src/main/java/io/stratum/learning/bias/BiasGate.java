package io.stratum.learning.bias;

import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.text.SentenceEncoders;
import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bias check of the retraining gate: the challenger's answers on its evaluation hold-out (the newest feedback),
 * per segment of the customers concerned, held to the four-fifths rule. Separate from the champion/challenger
 * evaluation on purpose (it predicts the hold-out once more): one call from the evaluation step.
 */
@Service
public class BiasGate {

    private final RetrainingStore store;
    private final ModelRegistry registry;
    private final SentenceEncoders encoders;
    private final BiasSettings settings;
    private final ObjectProvider<SegmentLookup> segments;

    public BiasGate(RetrainingStore store, ModelRegistry registry, SentenceEncoders encoders, BiasSettings settings,
                    ObjectProvider<SegmentLookup> segments) {
        this.store = store;
        this.registry = registry;
        this.encoders = encoders;
        this.settings = settings;
        this.segments = segments;
    }

    /** The challenger on the hold-out that starts at {@code holdoutFrom}, as a bias report. */
    public BiasReport checkChallenger(String model, int challengerVersion, Instant holdoutFrom) {
        List<Feedback> holdout = store.allFeedback(model).stream()
                .filter(f -> f.corrected() != null && !f.corrected().isBlank() && !f.at().isBefore(holdoutFrom))
                .toList();
        TextModel challenger = holdout.isEmpty() ? null : registry.evaluationModel(model, challengerVersion);
        List<String> predicted = holdout.isEmpty() ? List.of()
                : TextPipeline.predictAll(model, challengerVersion, challenger, TextPipeline.encoderFor(challenger, encoders),
                        holdout.stream().map(Feedback::input).toList()).stream().map(Prediction::label).toList();
        return BiasMonitor.report(model, observations(holdout, predicted, challengerVersion), settings);
    }

    /**
     * The gate after the evaluation: a challenger judged better is checked; a flag is added to the verdict the
     * approver reads and, with {@code block-promotion}, keeps it from being offered at all.
     */
    public Gate apply(String model, int challengerVersion, Instant holdoutFrom, boolean better, String verdict) {
        if (!better) {
            return new Gate(false, verdict, false, null);
        }
        BiasReport report = checkChallenger(model, challengerVersion, holdoutFrom);
        boolean blocked = settings.blockPromotion() && report.flagged();
        String text = verdict + "\n" + report.summary() + (blocked ? " - not offered for promotion" : "");
        return new Gate(!blocked, text.length() <= MAX_VERDICT ? text : text.substring(0, MAX_VERDICT) + " ...",
                report.flagged(), report);
    }

    /** The gate's answer: whether the challenger goes to the approver, and the verdict text it reads. */
    public record Gate(boolean better, String verdict, boolean flagged, BiasReport report) {
    }

    /** Camunda keeps string variables up to 4000 characters. */
    static final int MAX_VERDICT = 3900;

    List<Observation> observations(List<Feedback> holdout, List<String> predicted, int version) {
        SegmentLookup lookup = segments.getIfAvailable();
        Map<String, Map<String, String>> byInstance = lookup == null ? Map.of()
                : lookup.segments(holdout.stream().map(Feedback::processInstanceId).filter(Objects::nonNull)
                .distinct().toList(), settings.segmentKeys());
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < holdout.size(); i++) {
            Feedback f = holdout.get(i);
            out.add(new Observation(version, f.processInstanceId() == null ? Map.of()
                    : byInstance.getOrDefault(f.processInstanceId(), Map.of()), predicted.get(i), f.corrected()));
        }
        return out;
    }
}
