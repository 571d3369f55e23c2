package io.stratum.intelligence.maintenance;

import io.stratum.JdbcProxies;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicBoolean;

import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anomaly baselines survive a restart: written behind to the real schema (Flyway on in-memory H2, and PostgreSQL for
 * the race between nodes), read back.
 */
class AnomalyBaselinesTests {

    AnomalyBaselines store;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        store = new AnomalyBaselines(JdbcClient.create(ds), new DataSourceTransactionManager(ds));
    }

    @Test
    void aRestartedScorerContinuesFromTheStoredBaseline() {
        AnomalyScorer first = new AnomalyScorer(0.05, 20, store::load);
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            first.score("a", new double[] {300 + random.nextGaussian(), 1500 + 20 * random.nextGaussian()});
        }
        Map<String, AnomalyScorer.State> changed = first.drainChanged();
        assertThat(changed).containsOnlyKeys("a");
        assertThat(first.drainChanged()).as("nothing changed since").isEmpty();
        store.save(changed);
        store.save(changed); // the second save updates, never duplicates

        AnomalyScorer.State stored = store.load("a");
        assertThat(stored.readings()).isEqualTo(200);
        assertThat(stored.mean()).containsExactly(changed.get("a").mean());
        assertThat(stored.variance()).containsExactly(changed.get("a").variance());

        // After the "restart" the asset is past its warm-up: an outlier scores at once; an unknown asset warms up.
        AnomalyScorer second = new AnomalyScorer(0.05, 20, store::load);
        assertThat(second.score("a", new double[] {300.2, 1505})).isBetween(0.01, 3.0);
        assertThat(second.score("a", new double[] {312, 1500})).isGreaterThan(5);
        assertThat(second.score("b", new double[] {312, 1500})).isZero();
        assertThat(store.load("b")).isNull();
        assertThat(second.drainChanged()).containsOnlyKeys("a", "b");
    }

    @Test
    void onPostgresAFlushUpdatesTheRowAnotherNodeInsertedFirst() throws Exception {
        DataSource real = io.stratum.scale.EmbeddedPostgresSupport.freshDatabase(
                io.stratum.scale.EmbeddedPostgresSupport.shared(), "baselines_" + UUID.randomUUID().toString()
                        .replace("-", ""));
        Flyway.configure().dataSource(real).locations("classpath:db/migration").load().migrate();
        // Another node inserts asset a's row between this flush's UPDATE (no row yet) and its INSERT
        AtomicBoolean raced = new AtomicBoolean();
        DataSource racing = JdbcProxies.dataSource(real, (method, args, proceed) -> {
            if (method.getName().equals("prepareStatement")
                    && args[0].toString().contains("INSERT INTO anomaly_baseline") && raced.compareAndSet(false, true)) {
                JdbcClient.create(real).sql("""
                        INSERT INTO anomaly_baseline (asset_id, readings, means, variances, updated_at)
                        VALUES ('a', 1, '1.0,1.0', '0.0,0.0', CURRENT_TIMESTAMP)""").update();
            }
            return proceed.call();
        });
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(racing);
        AnomalyBaselines onPostgres = new AnomalyBaselines(JdbcClient.create(racing), transactions);
        AnomalyScorer.State ours = new AnomalyScorer.State(200, new double[] {300.5, 1501}, new double[] {1.2, 390});

        new TransactionTemplate(transactions).executeWithoutResult(tx -> onPostgres.save(Map.of("a", ours)));

        assertThat(raced).isTrue();
        AnomalyScorer.State stored = onPostgres.load("a");
        assertThat(stored.readings()).isEqualTo(200);
        assertThat(stored.mean()).containsExactly(300.5, 1501);
    }
}
