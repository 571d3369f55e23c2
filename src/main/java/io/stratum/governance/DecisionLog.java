package io.stratum.governance;

import io.stratum.learning.ChallengerArchived;
import io.stratum.learning.ModelPromoted;
import io.stratum.learning.ModelRolledBack;
import io.stratum.learning.ThresholdChanged;
import io.stratum.orchestration.AiDecisionMade;
import io.stratum.orchestration.AiDecisionReviewed;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tamper-evident log of AI decisions and the humans' final word on them. Append-only: a decision and its review
 * are two entries; each entry's hash covers its fields and the previous entry's hash. Entries are written in the
 * transaction that made the decision, so a rolled-back step leaves no entry behind.
 */
@Service
public class DecisionLog {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Object pendingKey = new Object();

    DecisionLog(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One log row. {@code kind} is {@code DECISION} or {@code REVIEW}. */
    public record Entry(long seq, String kind, String decisionId, String processInstanceId, String businessKey,
                        String processDefinitionKey, String activityId, String model, Integer modelVersion,
                        String inputFingerprint, String output, Double confidence, String alternatives,
                        String explanation, String actor, String reason, Instant recordedAt, String prevHash,
                        String hash) {

        String content() {
            return String.join("|", String.valueOf(seq), kind, decisionId, n(processInstanceId), n(businessKey),
                    n(processDefinitionKey), n(activityId), n(model), n(modelVersion), n(inputFingerprint),
                    n(output), confidence == null ? "" : String.format(Locale.ROOT, "%.6f", confidence),
                    n(alternatives), n(explanation), n(actor), n(reason), String.valueOf(recordedAt.toEpochMilli()),
                    prevHash);
        }

        private static String n(Object o) {
            return o == null ? "" : o.toString();
        }
    }

    /** A decision with the human's final word, as auditors read it. */
    public record Decision(String decisionId, String processInstanceId, String businessKey, String activityId,
                           String model, Integer modelVersion, String inputFingerprint, String output,
                           Double confidence, String alternatives, String explanation, Instant decidedAt,
                           String finalValue, String finalActor, String finalReason, Instant finalizedAt,
                           boolean overridden) {
    }

    private record Head(long seq, String hash) {
    }

    /** Result of recomputing the chain: the first broken entry, if any. */
    public record Verification(boolean intact, long entries, Long firstBrokenSeq, String problem) {
    }

    @EventListener
    public void on(AiDecisionMade e) {
        enqueue(new Entry(0, "DECISION", e.decisionId(), e.processInstanceId(), e.businessKey(),
                e.processDefinitionKey(), e.activityId(), e.model(), e.modelVersion(), e.inputFingerprint(),
                e.output(), e.confidence(), e.alternatives() == null ? null : String.join(", ", e.alternatives()),
                e.explanation(), "model:" + e.model(), null, at(e.at()), null, null));
    }

    @EventListener
    public void on(AiDecisionReviewed e) {
        enqueue(new Entry(0, "REVIEW", e.decisionId(), e.processInstanceId(), null, null, null, e.model(), null,
                null, e.finalValue(), null, null, "proposed: " + e.proposed(), e.actor(), e.reason(), at(e.at()),
                null, null));
    }

    /** Model promotions and archived challengers are decisions about the AI too: auditors find them in the log. */
    @EventListener
    public void on(ModelPromoted e) {
        enqueue(new Entry(0, "PROMOTION", "promotion:" + e.model() + ":" + e.version(), null, null,
                "model-retraining", null, e.model(), e.version(), null, "champion v" + e.version(),
                e.challengerAccuracy(), null, String.format(Locale.ROOT,
                "replaces v%s; accuracy champion %.4f, challenger %.4f", e.previousVersion(), e.championAccuracy(),
                e.challengerAccuracy()), e.actor(), e.comment(), at(e.at()), null, null));
    }

    @EventListener
    public void on(ChallengerArchived e) {
        enqueue(new Entry(0, "ARCHIVE", "archive:" + e.model() + ":" + e.version(), null, null,
                "model-retraining", null, e.model(), e.version(), null, "retired v" + e.version(), null, null,
                null, e.actor(), e.reason(), at(e.at()), null, null));
    }

    @EventListener
    public void on(ModelRolledBack e) {
        enqueue(new Entry(0, "ROLLBACK", "rollback:" + e.model() + ":" + e.fromVersion() + ":" + e.toVersion() + ":"
                + at(e.at()).toEpochMilli(), null, null, null, null, e.model(), e.toVersion(), null,
                "champion v" + e.toVersion(), null, null, "rolled back from v" + e.fromVersion(), e.actor(), e.reason(),
                at(e.at()), null, null));
    }

    @EventListener
    public void on(ThresholdChanged e) {
        enqueue(new Entry(0, "THRESHOLD", "threshold:" + e.model() + ":" + e.modelVersion() + ":"
                + at(e.at()).toEpochMilli(), null, null, null, null, e.model(), e.modelVersion(), null,
                String.format(Locale.ROOT, "threshold %.4f (%s)", e.threshold(), e.source()), e.precision(), null,
                String.format(Locale.ROOT, "was %.4f; %d calibration items", e.previous(), e.items()), e.actor(),
                e.note(), at(e.at()), null, null));
    }

    /** Entries about models rather than process instances (promotions, archives, rollbacks, thresholds), newest first. */
    public List<Entry> modelEvents(String model) {
        return jdbc.sql("SELECT * FROM decision_log WHERE model = ? AND kind IN ('PROMOTION', 'ARCHIVE', 'ROLLBACK', "
                        + "'THRESHOLD') ORDER BY seq DESC").param(model).query(DecisionLog::map).list();
    }

    private static Instant at(Instant i) {
        return (i != null ? i : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Appends when the surrounding transaction commits, all of its entries at once: the chain head is locked only
     * for the commit, not while the rest of the engine's transaction (model inference included) runs. Measured: with
     * the lock taken at the decision, ten job threads queued on the head row until H2's lock timeout.
     */
    @SuppressWarnings("unchecked")
    private void enqueue(Entry e) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            transactions.executeWithoutResult(status -> append(e));
            return;
        }
        List<Entry> pending = (List<Entry>) TransactionSynchronizationManager.getResource(pendingKey);
        if (pending == null) {
            List<Entry> batch = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(pendingKey, batch);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    appendAll(batch);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
                }
            });
            pending = batch;
        }
        pending.add(e);
    }

    private void append(Entry e) {
        appendAll(List.of(e));
    }

    /**
     * Appends a transaction's entries under one lock of the head row and moves the head once (a triage makes two
     * decisions per transaction: one head read and one head update fewer, and one lock wait instead of two).
     */
    private void appendAll(List<Entry> entries) {
        // Idempotent: an entry already logged (a retried job) or given twice is appended once.
        Map<String, Entry> unique = new LinkedHashMap<>();
        entries.forEach(e -> unique.putIfAbsent(e.kind() + "|" + e.decisionId(), e));
        List<Entry> fresh = unique.values().stream().filter(e -> jdbc.sql(
                        "SELECT COUNT(*) FROM decision_log WHERE decision_id = ? AND kind = ?")
                .params(e.decisionId(), e.kind()).query(Long.class).single() == 0).toList();
        if (fresh.isEmpty()) {
            return;
        }
        // Locks the head row until this transaction ends: appends are serialised, the chain stays linear.
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM decision_log_head WHERE id = 1 FOR UPDATE")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = head.seq();
        String prev = head.hash();
        for (Entry e : fresh) {
            seq++;
            Entry chained = new Entry(seq, e.kind(), e.decisionId(), e.processInstanceId(), e.businessKey(),
                    e.processDefinitionKey(), e.activityId(), e.model(), e.modelVersion(), e.inputFingerprint(),
                    e.output(), e.confidence(), e.alternatives(), e.explanation(), e.actor(), e.reason(),
                    e.recordedAt(), prev, null);
            String hash = sha256(chained.content());
            jdbc.sql("""
                    INSERT INTO decision_log (seq, kind, decision_id, process_instance_id, business_key,
                        process_definition_key, activity_id, model, model_version, input_fingerprint, output_value,
                        confidence, alternatives, explanation, actor, reason, recorded_at, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(seq, e.kind(), e.decisionId(), e.processInstanceId(), e.businessKey(),
                            e.processDefinitionKey(), e.activityId(), e.model(), e.modelVersion(),
                            e.inputFingerprint(), e.output(), e.confidence(), e.alternatives(), e.explanation(),
                            e.actor(), e.reason(), Timestamp.from(e.recordedAt()), prev, hash)
                    .update();
            prev = hash;
        }
        jdbc.sql("UPDATE decision_log_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, prev).update();
    }

    /** Decisions of one process instance with the human's final word where there is one, oldest first. */
    public List<Decision> decisions(String processInstanceId) {
        return combine(jdbc.sql("SELECT * FROM decision_log WHERE process_instance_id = ? ORDER BY seq")
                .param(processInstanceId).query(DecisionLog::map).list());
    }

    /** Every decision of a model (one version when given) with the human's final word, oldest first. */
    public List<Decision> modelDecisions(String model, Integer version) {
        List<Entry> entries = jdbc.sql("SELECT * FROM decision_log WHERE model = ? AND kind IN ('DECISION', 'REVIEW')"
                + " ORDER BY seq").param(model).query(DecisionLog::map).list();
        List<Decision> all = combine(entries);
        return version == null ? all
                : all.stream().filter(d -> version.equals(d.modelVersion())).toList();
    }

    private static List<Decision> combine(List<Entry> entries) {
        Map<String, Entry> reviews = new LinkedHashMap<>();
        entries.stream().filter(x -> x.kind().equals("REVIEW")).forEach(x -> reviews.put(x.decisionId(), x));
        List<Decision> out = new ArrayList<>();
        for (Entry d : entries) {
            if (!d.kind().equals("DECISION")) {
                continue;
            }
            Optional<Entry> r = Optional.ofNullable(reviews.get(d.decisionId()));
            out.add(new Decision(d.decisionId(), d.processInstanceId(), d.businessKey(), d.activityId(), d.model(),
                    d.modelVersion(), d.inputFingerprint(), d.output(), d.confidence(), d.alternatives(),
                    d.explanation(), d.recordedAt(), r.map(Entry::output).orElse(null),
                    r.map(Entry::actor).orElse(null), r.map(Entry::reason).orElse(null),
                    r.map(Entry::recordedAt).orElse(null),
                    r.map(x -> !java.util.Objects.equals(x.output(), d.output())).orElse(false)));
        }
        return out;
    }

    /** Recomputes every hash in sequence order and names the first entry that does not match. */
    public Verification verify() {
        List<Entry> entries = jdbc.sql("SELECT * FROM decision_log ORDER BY seq").query(DecisionLog::map).list();
        String prev = GENESIS;
        long expectedSeq = 1;
        for (Entry e : entries) {
            if (e.seq() != expectedSeq) {
                return new Verification(false, entries.size(), expectedSeq, "entry " + expectedSeq + " is missing");
            }
            if (!e.prevHash().equals(prev)) {
                return new Verification(false, entries.size(), e.seq(),
                        "entry " + e.seq() + " does not link to the previous entry");
            }
            if (!sha256(e.content()).equals(e.hash())) {
                return new Verification(false, entries.size(), e.seq(),
                        "entry " + e.seq() + " was changed after it was written");
            }
            prev = e.hash();
            expectedSeq++;
        }
        String head = jdbc.sql("SELECT last_hash FROM decision_log_head WHERE id = 1").query(String.class).single();
        if (!head.equals(prev)) {
            return new Verification(false, entries.size(), expectedSeq, "entries after " + (expectedSeq - 1)
                    + " were removed");
        }
        return new Verification(true, entries.size(), null, null);
    }

    private static Entry map(ResultSet rs, int row) throws SQLException {
        Object version = rs.getObject("model_version");
        Object confidence = rs.getObject("confidence");
        return new Entry(rs.getLong("seq"), rs.getString("kind"), rs.getString("decision_id"),
                rs.getString("process_instance_id"), rs.getString("business_key"),
                rs.getString("process_definition_key"), rs.getString("activity_id"), rs.getString("model"),
                version == null ? null : ((Number) version).intValue(), rs.getString("input_fingerprint"),
                rs.getString("output_value"), confidence == null ? null : ((Number) confidence).doubleValue(),
                rs.getString("alternatives"), rs.getString("explanation"), rs.getString("actor"),
                rs.getString("reason"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
