package io.stratum.learning;

import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.UnknownModelException;
import io.stratum.intelligence.bootstrap.BootstrapModels;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.model.TrainingConfig;
import io.stratum.intelligence.text.SentenceEncoder;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Champion/challenger for text models: trains a challenger on the bootstrap examples plus the feedback, evaluates
 * champion and challenger on the same time-aware hold-out (the newest feedback), promotes or archives.
 * The BPMN process {@code model-retraining} calls these steps; the benchmark calls them too.
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

    /** Champion and challenger on the same hold-out, and whether the challenger deserves promotion. */
    public record Evaluation(String model, int championVersion, int challengerVersion, int holdoutSize,
                             double championAccuracy, double challengerAccuracy, List<Segment> segments,
                             String segmentBasis, boolean better, String verdict, String holdout) {
    }

    /** Training progress, readable while a training runs (process variables only appear when its job commits). */
    public record Progress(String model, String phase, Instant since) {
    }

    /** How the model's last training ended: {@code outcome} "trained" (with the version) or "failed" (why). */
    public record LastTraining(String model, String outcome, Integer version, String message, Instant at) {
    }

    private final ModelRegistry registry;
    private final RetrainingStore store;
    private final SentenceEncoder encoder;
    private final IntelligenceSettings intelligence;
    private final LearningSettings settings;
    private final ApplicationEventPublisher events;
    private final ExampleImporter imported;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final Map<String, LastTraining> last = new ConcurrentHashMap<>();

    public ChampionChallenger(ModelRegistry registry, RetrainingStore store, SentenceEncoder encoder,
                              IntelligenceSettings intelligence, LearningSettings settings,
                              ApplicationEventPublisher events, ExampleImporter imported) {
        this.registry = registry;
        this.store = store;
        this.encoder = encoder;
        this.intelligence = intelligence;
        this.settings = settings;
        this.events = events;
        this.imported = imported;
    }

    /** The feedback split at the time boundary: everything before is training data, the rest the hold-out. */
    public record Split(List<Feedback> train, List<Feedback> holdout, Instant holdoutFrom) {
    }

    Split split(List<Feedback> oldestFirst) {
        return split(oldestFirst, settings.holdoutShare(), settings.minFeedback());
    }

    /**
     * Time-ordered split: the newest {@code holdoutShare} of the usable feedback (by the time it was recorded) is the
     * hold-out, everything older trains. Records at the boundary time all go to the hold-out, so training never
     * sees a record as new as the hold-out's oldest. The benchmark uses this method too.
     */
    public static Split split(List<Feedback> oldestFirst, double holdoutShare, int minFeedback) {
        List<Feedback> usable = oldestFirst.stream().filter(f -> f.corrected() != null && !f.corrected().isBlank())
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
        long started = System.nanoTime();
        try {
            phase(model, "splitting feedback");
            Split split = split(store.allFeedback(model));
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
                for (Feedback f : split.train()) {
                    texts.add(f.input());
                    labels.add(f.corrected());
                }
            }
            phase(model, "embedding " + texts.size() + " examples");
            float[][] embeddings = cfg.features().usesEmbedding() ? embed(texts) : null;
            phase(model, "training on " + texts.size() + " examples (" + bootstrap + " bootstrap, "
                    + importedExamples + " imported, "
                    + split.train().size() + " feedback x" + settings.feedbackWeight() + ")");
            HeadTrainer.Result result = HeadTrainer.train(texts, labels, embeddings, cfg);
            phase(model, "registering challenger");
            Map<String, Object> metrics = new LinkedHashMap<>(result.metrics());
            metrics.put("bootstrapExamples", bootstrap);
            metrics.put("importedExamples", importedExamples);
            metrics.put("feedbackExamples", split.train().size());
            metrics.put("feedbackWeight", settings.feedbackWeight());
            metrics.put("holdoutFrom", split.holdoutFrom().toString());
            Path dir = Files.createTempDirectory("stratum-challenger-");
            try {
                result.model().save(dir);
                ModelVersion v = registry.register(model, dir, metrics, "retraining: " + bootstrap + " bootstrap + "
                        + importedExamples + " imported + "
                        + split.train().size() + " feedback before " + split.holdoutFrom(), actor, false);
                double seconds = Math.round((System.nanoTime() - started) / 1e8) / 10.0;
                log.info("Challenger {} v{} trained in {} s", model, v.version(), seconds);
                last.put(model, new LastTraining(model, "trained", v.version(), texts.size() + " examples in "
                        + seconds + " s", Instant.now()));
                return new TrainedChallenger(model, v.version(), texts.size(), split.train().size(),
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
        float[][] unique = encoder.embedAll(distinct, 32);
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = unique[index.get(texts.get(i))];
        }
        return out;
    }

    /** Champion and challenger on the same hold-out: the feedback at or after {@code holdoutFrom}. */
    public Evaluation evaluate(String model, int challengerVersion, Instant holdoutFrom) {
        List<Feedback> usable = store.allFeedback(model).stream()
                .filter(f -> f.corrected() != null && !f.corrected().isBlank()).toList();
        List<Feedback> holdout = split(usable, holdoutFrom).holdout();
        if (holdout.isEmpty()) {
            throw new InsufficientFeedbackException("No feedback for " + model + " at or after " + holdoutFrom
                    + " to evaluate on");
        }
        ModelRegistry.Champion champion = registry.champion(model);
        TextModel challenger = registry.model(model, challengerVersion);
        List<String> texts = holdout.stream().map(Feedback::input).toList();
        List<Prediction> a = TextPipeline.predictAll(model, champion.version(), champion.model(), encoder, texts);
        List<Prediction> b = TextPipeline.predictAll(model, challengerVersion, challenger, encoder, texts);

        Map<String, int[]> counts = new TreeMap<>(); // segment -> {n, championRight, challengerRight}
        int rightA = 0;
        int rightB = 0;
        for (int i = 0; i < holdout.size(); i++) {
            String truth = holdout.get(i).corrected();
            boolean okA = truth.equals(a.get(i).label());
            boolean okB = truth.equals(b.get(i).label());
            rightA += okA ? 1 : 0;
            rightB += okB ? 1 : 0;
            int[] c = counts.computeIfAbsent(truth, k -> new int[3]);
            c[0]++;
            c[1] += okA ? 1 : 0;
            c[2] += okB ? 1 : 0;
        }
        List<Segment> segments = counts.entrySet().stream().map(e -> new Segment(e.getKey(), e.getValue()[0],
                        round((double) e.getValue()[1] / e.getValue()[0]),
                        round((double) e.getValue()[2] / e.getValue()[0]),
                        e.getValue()[0] >= settings.minSegmentSize()))
                .toList();
        double accA = round((double) rightA / holdout.size());
        double accB = round((double) rightB / holdout.size());
        String window = "time-ordered: the " + holdout.size() + " newest feedback records, " + holdoutFrom + " to "
                + holdout.get(holdout.size() - 1).at() + "; the challenger never trained on them";
        return judge(model, champion.version(), challengerVersion, holdout.size(), accA, accB, segments, window);
    }

    Evaluation judge(String model, int championVersion, int challengerVersion, int n, double accA, double accB,
                     List<Segment> segments) {
        return judge(model, championVersion, challengerVersion, n, accA, accB, segments, null);
    }

    Evaluation judge(String model, int championVersion, int challengerVersion, int n, double accA, double accB,
                     List<Segment> segments, String holdoutWindow) {
        List<String> worse = segments.stream().filter(Segment::checked)
                .filter(s -> s.challengerAccuracy() < s.championAccuracy() - settings.segmentTolerance() - 1e-9)
                .map(s -> s.name() + " " + pct(s.championAccuracy()) + " -> " + pct(s.challengerAccuracy()))
                .toList();
        boolean byMargin = accB >= accA + settings.margin() - 1e-9;
        boolean better = byMargin && worse.isEmpty();
        String verdict = better
                ? "Challenger v" + challengerVersion + " is better: " + pct(accA) + " -> " + pct(accB) + " on " + n
                  + " newest feedback items, no segment worse than " + pct(settings.segmentTolerance())
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
