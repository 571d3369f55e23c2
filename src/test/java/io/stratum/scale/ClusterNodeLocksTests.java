package io.stratum.scale;

import io.stratum.orchestration.ClusterNodeLocks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster lock on real PostgreSQL: "nodes" (threads with their own connections and transactions, as separate
 * JVMs would have) doing check-then-act under the same lock never overlap, and exactly one of them acts.
 */
class ClusterNodeLocksTests {

    @Test
    void checkThenActUnderTheLockHappensOnceAcrossNodes() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgresSupport.shared();
        DataSource ds = EmbeddedPostgresSupport.freshDatabase(pg,
                "locks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        JdbcClient setup = JdbcClient.create(ds);
        setup.sql("CREATE TABLE cluster_lock (name VARCHAR(200) PRIMARY KEY)").update();
        setup.sql("CREATE TABLE started (model VARCHAR(50))").update();

        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            // Each node: its own transaction manager over the database, like a separate JVM
            JdbcClient jdbc = JdbcClient.create(ds);
            ClusterNodeLocks locks = new ClusterNodeLocks(jdbc,
                    new TransactionTemplate(new DataSourceTransactionManager(ds)));
            results.add(pool.submit(() -> {
                go.await();
                return locks.exclusively("retraining:support-topic", () -> {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        boolean running = jdbc.sql("SELECT count(*) FROM started").query(Integer.class).single() > 0;
                        sleep(150); // a slow start widens the window a check-then-act race needs
                        if (!running) {
                            jdbc.sql("INSERT INTO started (model) VALUES ('support-topic')").update();
                        }
                        return !running;
                    } finally {
                        inside.decrementAndGet();
                    }
                });
            }));
        }
        go.countDown();
        int acted = 0;
        for (Future<Boolean> f : results) {
            acted += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(maxInside.get()).as("nodes inside the lock at once").isEqualTo(1);
        assertThat(acted).as("nodes that started a retraining").isEqualTo(1);
        assertThat(setup.sql("SELECT count(*) FROM started").query(Integer.class).single()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
