package io.stratum.ingestion;

import io.stratum.JdbcProxies;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit with spacing on a real H2 file: every caller waits for a store begun after its commit, no more. */
class DurableAcknowledgementsTests {

    @TempDir
    Path dir;

    @Test
    void everyCallerIsCoveredByAStoreBegunAfterItsCommitAndStoresKeepTheirSpacing() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        h2.setUser("sa");
        Stores stores = new Stores();
        Duration spacing = Duration.ofMillis(15);
        DurableAcknowledgements durable = new DurableAcknowledgements(counting(h2, stores), spacing);
        assertThat(durable.needed()).isTrue();

        ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    long committed = System.nanoTime();
                    durable.persist();
                    done.add(new long[] {committed, System.nanoTime()});
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        List<Long> starts = new ArrayList<>(stores.started);
        assertThat(done).hasSize(90);
        // Group commit: far fewer stores than acknowledgements
        assertThat(starts.size()).isBetween(1, 89);
        // Spacing: stores begin at least 15 ms apart (seen from outside, each gap also carries the jitter of opening
        // a connection, so the median is judged; back to back they are 1-3 ms apart)
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < starts.size(); i++) {
            gaps.add(starts.get(i) - starts.get(i - 1));
        }
        gaps.sort(null);
        assertThat(gaps).isNotEmpty();
        assertThat(gaps.get(gaps.size() / 2)).isGreaterThanOrEqualTo(spacing.toNanos() - 1_000_000);
        for (long[] call : done) { // a store that began after the commit and before the caller was answered
            assertThat(starts).anyMatch(s -> s > call[0] && s < call[1]);
        }
    }

    @Test
    void aMemoryDatabaseNeedsNoStore() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:durable-acks");
        Stores stores = new Stores();
        DurableAcknowledgements durable = new DurableAcknowledgements(counting(h2, stores), Duration.ofMillis(15));
        durable.persist();
        assertThat(durable.needed()).isFalse();
        assertThat(stores.started).isEmpty();
    }

    /** When each CHECKPOINT began (System.nanoTime()). */
    static final class Stores {
        final ConcurrentLinkedQueue<Long> started = new ConcurrentLinkedQueue<>();
    }

    /** The data source, recording when each CHECKPOINT statement starts. */
    private static DataSource counting(DataSource real, Stores stores) {
        return JdbcProxies.dataSource(real, (m, args, proceed) -> {
            Object r = proceed.call();
            if (r instanceof Statement s && m.getName().equals("createStatement")) {
                return JdbcProxies.proxy(Statement.class, s, (m2, args2, proceed2) -> {
                    if (m2.getName().equals("execute") && "CHECKPOINT".equals(args2[0])) {
                        stores.started.add(System.nanoTime());
                    }
                    return proceed2.call();
                });
            }
            return r;
        });
    }
}
