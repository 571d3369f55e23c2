package io.stratum.learning;

import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.RecentInputs;
import io.stratum.intelligence.ThresholdOverrides;
import io.stratum.intelligence.UnknownModelException;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.text.SentenceEncoders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The automation threshold in force per model. Calibration derives, for one model version, the lowest confidence at
 * which that version's decisions reach the target precision ({@code stratum.learning.target-precision}), estimated
 * over the inputs the node classified since the version's unseen feedback began ({@link RecentInputs},
 * {@link Calibration#window}: reviewed and spot-checked inputs as their outcome, automated ones by the accuracy per
 * confidence fitted to feedback it never trained on, spot checks weighed by 1/rate; with too few of those inputs,
 * from that feedback alone, which holds mostly unsure decisions and so errs high); {@link Calibration#decide} adds
 * the guard rails (minimum items to lower it, a floor). The result is stored (table {@code model_threshold}) and served to the triage
 * through {@link ThresholdOverrides} while that version is champion; any other champion falls back to the configured
 * value. Every change is announced as {@link ThresholdChanged} for the decision log.
 */
@Service
public class AutomationThreshold implements ThresholdOverrides {

    private static final Logger log = LoggerFactory.getLogger(AutomationThreshold.class);

    /** Newest unseen feedback items a calibration replays (bounded cost). */
    static final int MAX_ITEMS = 2000;
    /** With fewer recent inputs the reviewed items alone set the threshold (after a restart, say). */
    static final int MIN_POPULATION = 200;
    /** Other nodes see a changed threshold within this time. */
    static final Duration CACHE = Duration.ofSeconds(10);

    /** The value in force and where it comes from; {@code since}: when it was put in force (null: configuration). */
    public record InForce(String model, double threshold, String source, double configured, Integer modelVersion,
                          double targetPrecision, Double reachedPrecision, Double automationRate, int items,
                          String note, String changedBy, Instant since) {
    }

    private record Row(String model, int version, double threshold, String source, double target, Double precision,
                       Double automation, int items, String note, String changedBy, Instant at) {
    }

    private record Cached(Optional<Row> row, long loadedAt) {
    }

    private final JdbcClient jdbc;
    private final ModelRegistry registry;
    private final RetrainingStore store;
    private final SentenceEncoders encoders;
    private final IntelligenceSettings intelligence;
    private final LearningSettings settings;
    private final ApplicationEventPublisher events;
    private final RecentInputs recentInputs;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public AutomationThreshold(JdbcClient jdbc, ModelRegistry registry, RetrainingStore store,
                               SentenceEncoders encoders, IntelligenceSettings intelligence, LearningSettings settings,
                               ApplicationEventPublisher events, RecentInputs recentInputs) {
        this.recentInputs = recentInputs;
        this.jdbc = jdbc;
        this.registry = registry;
        this.store = store;
        this.encoders = encoders;
        this.intelligence = intelligence;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public OptionalDouble threshold(String model) {
        Optional<Row> row = row(model);
        if (row.isEmpty() || !"derived".equals(row.get().source())) {
            return OptionalDouble.empty();
        }
        Integer champion = championVersion(model);
        return champion != null && champion == row.get().version() ? OptionalDouble.of(row.get().threshold())
                : OptionalDouble.empty();
    }

    /** The threshold the triage uses now for the model, with its source. */
    public InForce inForce(String model) {
        double configured = configured(model);
        Integer champion = championVersion(model);
        Optional<Row> row = row(model);
        if (row.isPresent() && champion != null && champion == row.get().version()) {
            Row r = row.get();
            boolean derived = "derived".equals(r.source());
            return new InForce(model, derived ? r.threshold() : configured, r.source(), configured, r.version(),
                    r.target(), r.precision(), r.automation(), r.items(), r.note(), r.changedBy(), r.at());
        }
        String note = row.map(r -> "the last calibration was for v" + r.version() + "; v" + champion
                + " serves with the configured value").orElse("not calibrated yet");
        return new InForce(model, configured, "configured", configured, champion, settings.targetPrecision(), null,
                null, 0, note, null, null);
    }

    /**
     * Derives the threshold for the model's champion on the feedback it never trained on and puts it in force.
     */
    public InForce calibrateChampion(String model, String actor) {
        ModelRegistry.Champion champion = registry.champion(model);
        ModelVersion v = registry.versions(model).stream().filter(x -> x.version() == champion.version())
                .findFirst().orElseThrow(() -> new UnknownModelException(model));
        return calibrate(model, champion.version(), unseenFrom(v), actor);
    }

    /**
     * Derives the threshold for one version from the feedback at or after {@code unseenFrom} (all when null), which
     * that version never trained on, and stores it; in force while that version is champion.
     */
    public InForce calibrate(String model, int version, Instant unseenFrom, String actor) {
        double configured = configured(model);
        Calibration.Threshold derived = derive(model, version, unseenFrom);
        Calibration.Decision d = settings.calibrateThreshold()
                ? Calibration.decide(configured, derived, settings.calibrationMinItems(), settings.thresholdFloor())
                : new Calibration.Decision(configured, "configured",
                "calibration is off (stratum.learning.calibrate-threshold)");
        return apply(model, version, d, derived, actor);
    }

    /**
     * What calibration derives for one version from the feedback at or after {@code unseenFrom} (all when null) and
     * the inputs classified since then, without putting it in force. With at least {@link #MIN_POPULATION} such
     * inputs, precision is estimated over them ({@link Calibration#window}): labelled ones count as their outcome,
     * automated ones by the accuracy fit, in which spot checks stand for the decisions they were drawn from; with
     * fewer (after a restart, say), over the unseen feedback alone, which holds mostly unsure decisions and so errs
     * high.
     */
    public Calibration.Threshold derive(String model, int version, Instant unseenFrom) {
        List<Feedback> usable = store.allFeedback(model).stream()
                .filter(f -> f.corrected() != null && !f.corrected().isBlank()).toList();
        List<Feedback> unseen = usable.stream()
                .filter(f -> unseenFrom == null || !f.at().isBefore(unseenFrom)).toList();
        boolean truncated = unseen.size() > MAX_ITEMS;
        unseen = unseen.subList(Math.max(0, unseen.size() - MAX_ITEMS), unseen.size());
        if (unseen.isEmpty()) {
            return new Calibration.Threshold(null, 0, 0, 0);
        }
        TextModel m = registry.evaluationModel(model, version); // never trained on the unseen feedback
        List<Prediction> p = TextPipeline.predictAll(model, version, m, TextPipeline.encoderFor(m, encoders),
                unseen.stream().map(Feedback::input).toList());
        double[] conf = new double[p.size()];
        boolean[] correct = new boolean[p.size()];
        double[] weight = new double[p.size()];
        for (int i = 0; i < p.size(); i++) {
            conf[i] = p.get(i).confidence();
            correct[i] = p.get(i).label().equals(unseen.get(i).corrected());
            weight[i] = settings.weight(unseen.get(i));
        }
        // The window: inputs classified since the unseen feedback began (its reviewed ones were never trained on);
        // inputs the version trained on all the same (a repeated text) would look surer than the ones it will decide
        Instant windowFrom = truncated ? unseen.get(0).at() : unseenFrom;
        Set<String> trainedOn = usable.stream().filter(f -> unseenFrom != null && f.at().isBefore(unseenFrom))
                .map(Feedback::input).collect(Collectors.toSet());
        List<String> window = recentInputs.since(model, windowFrom).stream().map(RecentInputs.Input::text)
                .filter(t -> !trainedOn.contains(t)).toList();
        if (window.size() < MIN_POPULATION) {
            return Calibration.threshold(conf, correct, weight, settings.targetPrecision(),
                    settings.calibrationBound());
        }
        // Labelled items whose input is in the window count as their outcome, the window's other inputs by the fit
        Map<String, Integer> pending = new HashMap<>();
        window.forEach(t -> pending.merge(t, 1, Integer::sum));
        boolean[] inWindow = new boolean[unseen.size()];
        for (int i = 0; i < unseen.size(); i++) {
            Integer left = pending.get(unseen.get(i).input());
            if (left != null && left > 0) {
                inWindow[i] = true;
                pending.put(unseen.get(i).input(), left - 1);
            }
        }
        List<String> unlabeled = new ArrayList<>();
        pending.forEach((text, left) -> {
            for (int c = 0; c < left; c++) {
                unlabeled.add(text);
            }
        });
        double[] others = TextPipeline.predictAll(model, version, m, TextPipeline.encoderFor(m, encoders), unlabeled).stream()
                .mapToDouble(Prediction::confidence).toArray();
        return Calibration.window(conf, correct, weight, inWindow, others,
                Math.min(1, settings.targetPrecision() + settings.calibrationMargin()), settings.calibrationBound(),
                settings.calibrationPrior());
    }

    InForce apply(String model, int version, Calibration.Decision d, Calibration.Threshold derived, String actor) {
        InForce before = inForce(model);
        double previous = before.threshold(); // what the triage uses now
        Instant now = Instant.now();
        Row row = new Row(model, version, d.threshold(), d.source(), settings.targetPrecision(),
                derived.threshold() == null ? null : derived.precision(),
                derived.threshold() == null ? null : derived.automationRate(), derived.items(), d.note(), actor, now);
        upsert(row);
        afterCommit(() -> cache.remove(model));
        cache.remove(model);
        if (Math.abs(previous - d.threshold()) > 1e-9) {
            events.publishEvent(new ThresholdChanged(model, version, previous, d.threshold(), d.source(),
                    row.precision(), row.items(), actor, d.note(), now));
        }
        log.info("Threshold of {} v{}: {} ({}; {})", model, version, d.threshold(), d.source(), d.note());
        return new InForce(model, d.threshold(), d.source(), before.configured(), version, row.target(),
                row.precision(), row.automation(), row.items(), row.note(), actor, now);
    }

    /** Feedback at or after this time was never in the version's training data (null: it never saw feedback). */
    static Instant unseenFrom(ModelVersion v) {
        Object from = v.metrics() == null ? null : v.metrics().get("holdoutFrom");
        return from == null ? null : Instant.parse(from.toString());
    }

    private double configured(String model) {
        IntelligenceSettings.ModelSettings m = intelligence.models().get(model);
        if (m == null) {
            throw new UnknownModelException(model);
        }
        return m.threshold();
    }

    private Integer championVersion(String model) {
        try {
            return registry.champion(model).version();
        } catch (UnknownModelException e) {
            return null;
        }
    }

    private Optional<Row> row(String model) {
        long now = System.nanoTime();
        Cached c = cache.get(model);
        if (c == null || now - c.loadedAt() > CACHE.toNanos()) {
            c = new Cached(jdbc.sql("SELECT * FROM model_threshold WHERE model = ?").param(model)
                    .query(AutomationThreshold::map).optional(), now);
            cache.put(model, c);
        }
        return c.row();
    }

    private void upsert(Row r) {
        OffsetDateTime at = r.at().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                        UPDATE model_threshold SET model_version = ?, threshold = ?, source = ?, target_precision = ?,
                            reached_precision = ?, automation_rate = ?, items = ?, note = ?, changed_by = ?,
                            changed_at = ?
                        WHERE model = ?""")
                .params(r.version(), r.threshold(), r.source(), r.target(), r.precision(), r.automation(), r.items(),
                        r.note(), r.changedBy(), at, r.model()).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO model_threshold (model, model_version, threshold, source, target_precision,
                                reached_precision, automation_rate, items, note, changed_by, changed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(r.model(), r.version(), r.threshold(), r.source(), r.target(), r.precision(),
                            r.automation(), r.items(), r.note(), r.changedBy(), at).update();
        }
    }

    private static void afterCommit(Runnable r) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    r.run();
                }
            });
        }
    }

    private static Row map(ResultSet rs, int i) throws SQLException {
        OffsetDateTime at = rs.getObject("changed_at", OffsetDateTime.class);
        return new Row(rs.getString("model"), rs.getInt("model_version"), rs.getDouble("threshold"),
                rs.getString("source"), rs.getDouble("target_precision"), (Double) rs.getObject("reached_precision",
                Double.class), rs.getObject("automation_rate", Double.class), rs.getInt("items"), rs.getString("note"),
                rs.getString("changed_by"), at == null ? null : at.toInstant());
    }
}
