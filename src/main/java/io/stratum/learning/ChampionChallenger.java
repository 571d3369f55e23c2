package io.stratum.learning;

import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import io.stratum.intelligence.UnknownModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Champion/challenger for every model kind ({@link ModelKind}: text classifiers, the failure model, the invoice field
 * model): trains a challenger on the kind's bootstrap data plus the feedback older than the time-aware hold-out,
 * evaluates champion and challenger on the same hold-out (the newest feedback) with the kind's metric, judges by the
 * configured margin and per-segment tolerance, promotes (the registry's atomic hot swap), rolls back or archives.
 * The BPMN process {@code model-retraining} calls these steps; the learning-curve benchmark uses the same split.
 */
@Service
public class ChampionChallenger {

    /** Where the segments come from: feedback records carry no customer tier or channel (yet). */
    public static final String SEGMENT_BASIS = "true label (feedback records carry no customer segment)";

    private static final Logger log = LoggerFactory.getLogger(ChampionChallenger.class);

    /** A registered challenger. {@code holdoutFrom}: feedback at or after this time is the evaluation hold-out. */
    public record TrainedChallenger(String model, int version, int examples, int feedbackExamples, int holdoutSize,
                                    Instant holdoutFrom, double seconds) {
    }

    /** Accuracy of both models on one segment of the hold-out. */
    public record Segment(String name, int size, double championAccuracy, double challengerAccuracy,
                          boolean checked) {
    }

    /**
     * Champion and challenger on the same hold-out, and whether the challenger deserves promotion. The "accuracy"
     * figures are the kind's {@code metric} (accuracy for text, F1 for the failure model, field accuracy for
     * invoices).
     */
    public record Evaluation(String model, int championVersion, int challengerVersion, int holdoutSize,
                             double championAccuracy, double challengerAccuracy, List<Segment> segments,
                             String segmentBasis, boolean better, String verdict, String holdout, String kind,
                             String metric) {

        public Evaluation(String model, int championVersion, int challengerVersion, int holdoutSize,
                          double championAccuracy, double challengerAccuracy, List<Segment> segments,
                          String segmentBasis, boolean better, String verdict, String holdout) {
            this(model, championVersion, challengerVersion, holdoutSize, championAccuracy, challengerAccuracy,
                    segments, segmentBasis, better, verdict, holdout, TextModelKind.KIND, "accuracy");
        }
    }

    /** Training progress, readable while a training runs (process variables only appear when its job commits). */
    public record Progress(String model, String phase, Instant since) {
    }

    /** How the model's last training ended: {@code outcome} "trained" (with the version) or "failed" (why). */
    public record LastTraining(String model, String outcome, Integer version, String message, Instant at) {
    }

    private final ModelRegistry registry;
    private final RetrainingStore store;
    private final LearningSettings settings;
    private final ApplicationEventPublisher events;
    private final List<ModelKind> kinds;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final Map<String, LastTraining> last = new ConcurrentHashMap<>();

    /** @param kinds the model kinds, most specific first (the text kind, which takes any model, last) */
    public ChampionChallenger(ModelRegistry registry, RetrainingStore store, LearningSettings settings,
                              ApplicationEventPublisher events, List<ModelKind> kinds) {
        this.registry = registry;
        this.store = store;
        this.settings = settings;
        this.events = events;
        this.kinds = List.copyOf(kinds);
    }

    /** The kind that trains the model. */
    public ModelKind kind(String model) {
        return kinds.stream().filter(k -> k.handles(model)).findFirst()
                .orElseThrow(() -> new UnknownModelException(model));
    }

    /** Whether the model's automation threshold is derived after promotions and rollbacks (text classifiers). */
    public boolean calibratesThreshold(String model) {
        return kind(model).calibratesThreshold();
    }

    /** The feedback split at the time boundary: everything before is training data, the rest the hold-out. */
    public record Split(List<Feedback> train, List<Feedback> holdout, Instant holdoutFrom) {
    }

    Split split(List<Feedback> oldestFirst) {
        return split(oldestFirst, settings.holdoutShare(), settings.minFeedback());
    }

    private Split split(List<Feedback> oldestFirst, ModelKind kind) {
        return split(oldestFirst, settings.holdoutShare(), settings.minFeedback(), kind::usable);
    }

    /**
     * Time-ordered split: the newest {@code holdoutShare} of the usable feedback (by the time it was recorded) is the
     * hold-out, everything older trains. Records at the boundary time all go to the hold-out, so training never
     * sees a record as new as the hold-out's oldest. The benchmark uses this method too.
     */
    public static Split split(List<Feedback> oldestFirst, double holdoutShare, int minFeedback) {
        return split(oldestFirst, holdoutShare, minFeedback, f -> f.corrected() != null && !f.corrected().isBlank());
    }

    /** The same split over the feedback a model kind can use. */
    public static Split split(List<Feedback> oldestFirst, double holdoutShare, int minFeedback,
                              Predicate<Feedback> usableFeedback) {
        List<Feedback> usable = oldestFirst.stream().filter(usableFeedback)
                .sorted(Comparator.comparing(Feedback::at)).toList();
        if (usable.size() < minFeedback) {
            throw new InsufficientFeedbackException("Model has " + usable.size()
                    + " usable feedback records; retraining needs at least " + minFeedback
                    + " (stratum.learning.min-feedback) to keep a fair hold-out");
        }
        int holdout = Math.max(1, (int) Math.ceil(usable.size() * holdoutShare));
        Instant from = usable.get(usable.size() - holdout).at();
        return split(usable, from);
    }

    static Split split(List<Feedback> usable, Instant from) {
        List<Feedback> train = usable.stream().filter(f -> f.at().isBefore(from)).toList();
        List<Feedback> test = usable.stream().filter(f -> !f.at().isBefore(from)).toList();
        return new Split(train, test, from);
    }

    public Progress progress(String model) {
        return progress.get(model);
    }

    public LastTraining lastTraining(String model) {
        return last.get(model);
    }

    /**
     * Trains and registers a challenger (status challenger; the champion keeps serving).
     *
     * @throws InsufficientFeedbackException when the model has too little feedback
     */
    public TrainedChallenger trainChallenger(String model, String actor) {
        if (registry.versions(model).isEmpty()) {
            throw new UnknownModelException(model);
        }
        ModelKind kind = kind(model);
        long started = System.nanoTime();
        try {
            phase(model, "splitting feedback");
            Split split = split(store.allFeedback(model), kind);
            Path dir = Files.createTempDirectory("stratum-challenger-");
            try {
                ModelKind.Training training;
                String trainingData;
                Map<String, Object> metrics;
                if (kind.servesRefit()) {
                    // Evaluated and calibrated without the hold-out, served with it (ModelKind.servesRefit)
                    training = kind.train(model, split.train(), dir.resolve(ModelRegistry.EVALUATION_DIR),
                            p -> phase(model, "model to evaluate, " + p));
                    List<Feedback> all = new ArrayList<>(split.train());
                    all.addAll(split.holdout());
                    ModelKind.Training served = kind.train(model, all, dir,
                            p -> phase(model, "model to serve (the hold-out included), " + p));
                    metrics = new LinkedHashMap<>(training.metrics());
                    metrics.put("servedExamples", served.examples());
                    metrics.put("servedFeedbackExamples", all.size());
                    trainingData = "retraining: evaluated on " + training.trainingData() + " before "
                            + split.holdoutFrom() + "; serves the same with the hold-out (" + all.size()
                            + " feedback)";
                } else {
                    training = kind.train(model, split.train(), dir, p -> phase(model, p));
                    metrics = new LinkedHashMap<>(training.metrics());
                    trainingData = "retraining: " + training.trainingData() + " before " + split.holdoutFrom();
                }
                phase(model, "registering challenger");
                metrics.put("kind", kind.kind());
                metrics.put("feedbackExamples", split.train().size());
                metrics.put("holdoutFrom", split.holdoutFrom().toString());
                ModelVersion v = registry.register(model, dir, metrics, trainingData, actor, false);
                double seconds = Math.round((System.nanoTime() - started) / 1e8) / 10.0;
                log.info("Challenger {} v{} trained in {} s", model, v.version(), seconds);
                last.put(model, new LastTraining(model, "trained", v.version(), training.examples()
                        + " examples in " + seconds + " s", Instant.now()));
                return new TrainedChallenger(model, v.version(), training.examples(), split.train().size(),
                        split.holdout().size(), split.holdoutFrom(), seconds);
            } finally {
                deleteQuietly(dir);
            }
        } catch (IOException e) {
            last.put(model, new LastTraining(model, "failed", null, e.getMessage(), Instant.now()));
            throw new UncheckedIOException("Cannot store the challenger of " + model + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            last.put(model, new LastTraining(model, "failed", null, e.getMessage(), Instant.now()));
            throw e;
        } finally {
            progress.remove(model);
        }
    }

    /** Champion and challenger on the same hold-out: the feedback at or after {@code holdoutFrom}. */
    public Evaluation evaluate(String model, int challengerVersion, Instant holdoutFrom) {
        ModelKind kind = kind(model);
        List<Feedback> usable = store.allFeedback(model).stream().filter(kind::usable).toList();
        List<Feedback> holdout = split(usable, holdoutFrom).holdout();
        if (holdout.isEmpty()) {
            throw new InsufficientFeedbackException("No feedback for " + model + " at or after " + holdoutFrom
                    + " to evaluate on");
        }
        int championVersion = registry.champion(model).version();
        ModelKind.Score a = kind.score(model, championVersion, holdout);
        ModelKind.Score b = kind.score(model, challengerVersion, holdout);
        List<Segment> segments = new java.util.ArrayList<>();
        for (String name : new TreeSet<>(a.segments().keySet())) {
            ModelKind.SegmentScore sa = a.segments().get(name);
            ModelKind.SegmentScore sb = b.segments().get(name);
            if (sb != null) {
                segments.add(new Segment(name, sa.size(), round(sa.value()), round(sb.value()),
                        sa.size() >= settings.minSegmentSize()));
            }
        }
        String window = "time-ordered: the " + holdout.size() + " newest feedback records, " + holdoutFrom + " to "
                + holdout.get(holdout.size() - 1).at() + "; the challenger never trained on them";
        Evaluation e = judge(model, championVersion, challengerVersion, a.size(), round(a.value()), round(b.value()),
                segments, window, kind.metric());
        return new Evaluation(e.model(), e.championVersion(), e.challengerVersion(), e.holdoutSize(),
                e.championAccuracy(), e.challengerAccuracy(), e.segments(), kind.segmentBasis(), e.better(),
                e.verdict(), e.holdout(), kind.kind(), kind.metric());
    }

    Evaluation judge(String model, int championVersion, int challengerVersion, int n, double accA, double accB,
                     List<Segment> segments) {
        return judge(model, championVersion, challengerVersion, n, accA, accB, segments, null);
    }

    Evaluation judge(String model, int championVersion, int challengerVersion, int n, double accA, double accB,
                     List<Segment> segments, String holdoutWindow) {
        return judge(model, championVersion, challengerVersion, n, accA, accB, segments, holdoutWindow, "accuracy");
    }

    Evaluation judge(String model, int championVersion, int challengerVersion, int n, double accA, double accB,
                     List<Segment> segments, String holdoutWindow, String metric) {
        String items = "accuracy".equals(metric) ? " newest feedback items" : " newest feedback items (" + metric + ")";
        List<String> worse = segments.stream().filter(Segment::checked)
                .filter(s -> s.challengerAccuracy() < s.championAccuracy() - settings.segmentTolerance() - 1e-9)
                .map(s -> s.name() + " " + pct(s.championAccuracy()) + " -> " + pct(s.challengerAccuracy()))
                .toList();
        boolean byMargin = accB >= accA + settings.margin() - 1e-9;
        boolean better = byMargin && worse.isEmpty();
        String verdict = better
                ? "Challenger v" + challengerVersion + " is better: " + pct(accA) + " -> " + pct(accB) + " on " + n
                  + items + ", no segment worse than " + pct(settings.segmentTolerance())
                : "Challenger v" + challengerVersion + " is not promoted: " + pct(accA) + " -> " + pct(accB)
                  + (byMargin ? "" : " (needs +" + pct(settings.margin()) + ")")
                  + (worse.isEmpty() ? "" : "; worse segments: " + String.join(", ", worse));
        return new Evaluation(model, championVersion, challengerVersion, n, accA, accB, segments, SEGMENT_BASIS,
                better, verdict, holdoutWindow);
    }

    /** Makes the challenger champion (atomic hot swap in the registry) and announces it for the audit log. */
    public void promote(String model, int version, String actor, String comment, double championAccuracy,
                        double challengerAccuracy) {
        Integer previous = registry.hasChampion(model) ? registry.champion(model).version() : null;
        registry.promote(model, version, actor);
        events.publishEvent(new ModelPromoted(model, version, previous, actor, comment, championAccuracy,
                challengerAccuracy, Instant.now()));
    }

    /**
     * Puts an earlier version back in service (atomic hot swap; predictions already running finish on the current
     * one) and announces it for the audit log.
     *
     * @param version the version to restore; null: the newest version below the champion that has served before
     * @return the restored version
     * @throws UnknownModelException  when the model does not exist
     * @throws UnknownModelVersionException when the version does not exist
     * @throws RollbackNotPossibleException when there is no champion, no earlier served version, or the version
     *                                already serves or never served
     */
    public int rollback(String model, Integer version, String actor, String reason) {
        List<ModelVersion> versions = registry.versions(model);
        if (versions.isEmpty()) {
            throw new UnknownModelException(model);
        }
        ModelVersion current = versions.stream().filter(v -> ModelVersion.CHAMPION.equals(v.status())).findFirst()
                .orElseThrow(() -> new RollbackNotPossibleException("Model '" + model + "' has no champion to roll "
                        + "back from"));
        ModelVersion target;
        if (version != null) {
            target = versions.stream().filter(v -> v.version() == version).findFirst()
                    .orElseThrow(() -> new UnknownModelVersionException(model, version));
            if (target.version() == current.version()) {
                throw new RollbackNotPossibleException("Model '" + model + "' v" + version + " is already the champion");
            }
            if (target.promotedAt() == null) {
                throw new RollbackNotPossibleException("Model '" + model + "' v" + version + " never served as "
                        + "champion; a challenger goes into service only through model-retraining's approval");
            }
        } else {
            target = versions.stream().filter(v -> v.version() < current.version() && v.promotedAt() != null)
                    .max(Comparator.comparingInt(ModelVersion::version))
                    .orElseThrow(() -> new RollbackNotPossibleException("Model '" + model + "' has no earlier version"
                            + " that served as champion; name one with {\"version\": n}"));
        }
        registry.promote(model, target.version(), actor);
        events.publishEvent(new ModelRolledBack(model, current.version(), target.version(), actor, reason,
                Instant.now()));
        return target.version();
    }

    /** Retires the challenger; the champion keeps serving. */
    public void archive(String model, int version, String actor, String reason) {
        registry.retireChallenger(model, version);
        events.publishEvent(new ChallengerArchived(model, version, actor, reason, Instant.now()));
    }

    /**
     * Feedback records since the model's newest version was trained (the automatic trigger counts these, so an
     * archived challenger does not re-trigger on the same feedback).
     */
    public long feedbackSinceLastTraining(String model) {
        Instant since = registry.versions(model).stream().map(ModelVersion::createdAt).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return store.countSince(model, since);
    }

    public long feedbackCount(String model) {
        return store.countSince(model, null);
    }

    private void phase(String model, String phase) {
        progress.put(model, new Progress(model, phase, Instant.now()));
        log.info("Retraining {}: {}", model, phase);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", v * 100);
    }
}
