package io.stratum.learning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One kind of model the retraining process can improve from feedback (text classifiers, the failure model, the
 * invoice field model). {@link ChampionChallenger} owns what every kind shares: the time-aware split of the feedback,
 * registration, the judgement (margin, per-segment tolerance), promotion with the registry's hot swap, rollback and
 * archive. A kind says how to turn feedback into training data, how to train, and how to score a version on the
 * hold-out with its own metric. Implementations are Spring beans.
 */
public interface ModelKind {

    /** Short name shown in evaluations: "text", "failure", "invoice-fields". */
    String kind();

    /** Whether this kind trains the named model. The text kind answers for any model no other kind claims. */
    boolean handles(String model);

    /** The evaluation metric, e.g. "accuracy", "F1 of fault found", "field accuracy". */
    String metric();

    /** What the evaluation's segments are. */
    String segmentBasis();

    /** Whether a feedback record can train or evaluate (e.g. text needs a non-blank corrected label). */
    default boolean usable(Feedback feedback) {
        return feedback.corrected() != null && !feedback.corrected().isBlank();
    }

    /** Whether the automation threshold is derived for a promoted version (the text classifiers' confidence gate). */
    default boolean calibratesThreshold() {
        return false;
    }

    /**
     * Whether a version serves a refit on all feedback, the hold-out included, and is evaluated and calibrated
     * through its model trained without the hold-out ({@link io.stratum.intelligence.ModelRegistry#evaluationModel}):
     * the newest feedback is the most telling, and the text classifiers automate measurably more with it (README,
     * learning-curve). Kinds whose versions are scored as they serve return false.
     */
    default boolean servesRefit() {
        return false;
    }

    /**
     * Trains a challenger from the kind's bootstrap data, the imported examples and {@code feedback} (all older than
     * the hold-out) and writes its artefact (the files of the model's registry format) into {@code artefact}.
     *
     * @param phase reports progress ("training on ..."), readable through the API while training runs
     */
    Training train(String model, List<Feedback> feedback, Path artefact, Consumer<String> phase) throws IOException;

    /** Scores a registered version on the hold-out, overall and per segment, with the kind's metric. */
    Score score(String model, int version, List<Feedback> holdout);

    /**
     * @param examples     training examples in all (after oversampling)
     * @param metrics      the trainer's own figures, stored with the version
     * @param trainingData the snapshot description stored with the version (what went in)
     */
    record Training(int examples, Map<String, Object> metrics, String trainingData) {
    }

    /**
     * @param value    the metric on the whole hold-out
     * @param size     how many hold-out items it was computed on (records, documents' fields...)
     * @param segments per segment: its size and the metric (or accuracy) on it
     */
    record Score(double value, int size, Map<String, SegmentScore> segments) {
    }

    record SegmentScore(int size, double value) {
    }
}
