package io.stratum.intelligence.maintenance;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The assets' anomaly baselines in {@code anomaly_baseline}, so a restart does not send every asset back into its
 * warm-up. Written behind (see {@link FailurePredictor#flushBaselines()}), not per reading: a crash loses at most one
 * flush interval of a slowly moving average.
 */
@Repository
public class AnomalyBaselines {

    private final JdbcClient jdbc;
    /**
     * A first insert runs under a savepoint: when another node inserted the asset's row first, PostgreSQL would
     * otherwise abort the whole flush ("current transaction is aborted") instead of letting it update that row.
     */
    private final TransactionTemplate savepoint;

    public AnomalyBaselines(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The asset's stored baseline, or null. */
    public AnomalyScorer.State load(String assetId) {
        return jdbc.sql("SELECT readings, means, variances FROM anomaly_baseline WHERE asset_id = ?").param(assetId)
                .query((rs, n) -> new AnomalyScorer.State(rs.getLong(1), parse(rs.getString(2)),
                        parse(rs.getString(3))))
                .optional().orElse(null);
    }

    /** Writes the baselines in one transaction: a flush lands whole or not at all. */
    @Transactional
    public void save(Map<String, AnomalyScorer.State> baselines) {
        Timestamp now = Timestamp.from(Instant.now());
        baselines.forEach((assetId, s) -> {
            String means = format(s.mean());
            String variances = format(s.variance());
            int updated = jdbc.sql("""
                            UPDATE anomaly_baseline SET readings = ?, means = ?, variances = ?, updated_at = ?
                            WHERE asset_id = ?""")
                    .params(s.readings(), means, variances, now, assetId).update();
            if (updated == 0) {
                try {
                    savepoint.executeWithoutResult(tx -> jdbc.sql("""
                                    INSERT INTO anomaly_baseline (asset_id, readings, means, variances, updated_at)
                                    VALUES (?, ?, ?, ?, ?)""")
                            .params(assetId, s.readings(), means, variances, now).update());
                } catch (DuplicateKeyException anotherNodeFirst) {
                    jdbc.sql("""
                                    UPDATE anomaly_baseline SET readings = ?, means = ?, variances = ?, updated_at = ?
                                    WHERE asset_id = ?""")
                            .params(s.readings(), means, variances, now, assetId).update();
                }
            }
        });
    }

    /** Doubles as their shortest exact decimal text, comma-separated (portable, readable, lossless). */
    static String format(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    static double[] parse(String text) {
        return Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
