package io.stratum.learning;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@Repository
class JdbcRetrainingStore implements RetrainingStore {

    private final JdbcClient jdbc;
    /** The insert runs under a savepoint: on PostgreSQL a lost race would otherwise abort the caller's transaction. */
    private final TransactionTemplate savepoint;

    JdbcRetrainingStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.jdbc = jdbc;
    }

    @Override
    public Feedback record(Feedback f) {
        if (f.decisionId() != null) {
            List<Feedback> existing = jdbc.sql("SELECT * FROM feedback WHERE decision_id = ? AND model = ?")
                    .params(f.decisionId(), f.model()).query(JdbcRetrainingStore::map).list();
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
        }
        Feedback stored = new Feedback(f.id() != null ? f.id() : UUID.randomUUID().toString(), f.model(),
                f.modelVersion(), f.input(), f.predicted(), f.corrected(), f.actor(), f.reason(),
                (f.at() != null ? f.at() : Instant.now()).truncatedTo(ChronoUnit.MILLIS),
                f.source() != null ? f.source() : "review", f.decisionId(), f.processInstanceId());
        try {
            savepoint.executeWithoutResult(tx -> jdbc.sql("""
                    INSERT INTO feedback (id, model, model_version, input_text, predicted, corrected, overridden, actor,
                                          reason, recorded_at, source, decision_id, process_instance_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(stored.id(), stored.model(), stored.modelVersion(), stored.input(), stored.predicted(),
                            stored.corrected(), stored.overridden(), stored.actor(), stored.reason(),
                            Timestamp.from(stored.at()), stored.source(), stored.decisionId(),
                            stored.processInstanceId())
                    .update());
            return stored;
        } catch (DuplicateKeyException raced) {
            return jdbc.sql("SELECT * FROM feedback WHERE decision_id = ? AND model = ?")
                    .params(f.decisionId(), f.model()).query(JdbcRetrainingStore::map).single();
        }
    }

    @Override
    public List<Feedback> feedback(String model, int limit) {
        return jdbc.sql("SELECT * FROM feedback WHERE model = ? ORDER BY recorded_at DESC, id FETCH FIRST ? ROWS ONLY")
                .params(model, limit).query(JdbcRetrainingStore::map).list();
    }

    @Override
    public List<Feedback> allFeedback(String model) {
        return jdbc.sql("SELECT * FROM feedback WHERE model = ? ORDER BY recorded_at, id").param(model)
                .query(JdbcRetrainingStore::map).list();
    }

    @Override
    public long countSince(String model, Instant after) {
        if (after == null) {
            return jdbc.sql("SELECT COUNT(*) FROM feedback WHERE model = ?").param(model).query(Long.class).single();
        }
        return jdbc.sql("SELECT COUNT(*) FROM feedback WHERE model = ? AND recorded_at > ?")
                .params(model, Timestamp.from(after)).query(Long.class).single();
    }

    private static Feedback map(ResultSet rs, int row) throws SQLException {
        return new Feedback(rs.getString("id"), rs.getString("model"), rs.getInt("model_version"),
                rs.getString("input_text"), rs.getString("predicted"), rs.getString("corrected"),
                rs.getString("actor"), rs.getString("reason"), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("source"), rs.getString("decision_id"), rs.getString("process_instance_id"));
    }
}
