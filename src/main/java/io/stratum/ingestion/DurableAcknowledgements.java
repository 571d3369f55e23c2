package io.stratum.ingestion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes what is committed so far survive the death of the JVM before anyone is told it was received: an HTTP answer
 * to a changing request, an MQTT acknowledgement, a mail marked seen.
 * <p>
 * On the embedded H2 file database a commit lives in memory until H2's background writer stores it (every 500 ms,
 * {@code WRITE_DELAY}); a JVM killed in between (kill -9, a crash, the OOM killer) loses those commits, and with them
 * inquiries already answered 202. Storing on every commit ({@code WRITE_DELAY=0}) cost ~30 % of triage throughput
 * (it stores after each of a triage's ~10 commits); this stores once per acknowledgement, with {@code CHECKPOINT}, and
 * one store covers every caller whose commit came before it started (group commit). Stores begin at most every
 * {@code stratum.ingestion.acknowledgement-store-spacing} (default 20 ms): each store serialises every page changed
 * since the last one, so one store per request (~85 per second under the triage benchmark) re-wrote the same hot
 * pages again and again (H2's store threads 6.5 ms CPU per triage; 5.5 ms with the spacing); a caller waits at most
 * that long more. On PostgreSQL every commit is already durable and this does nothing.
 */
@Component
public class DurableAcknowledgements {

    private static final Logger log = LoggerFactory.getLogger(DurableAcknowledgements.class);

    private final DataSource dataSource;
    private final boolean needed;
    private final long spacingNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** System.nanoTime() when the newest store began; a commit before it is on disk once that store returns. */
    private long lastStoreStarted = System.nanoTime();
    private boolean warned;

    @Autowired
    public DurableAcknowledgements(DataSource dataSource,
                                   @Value("${stratum.ingestion.acknowledgement-store-spacing:20ms}") Duration spacing) {
        this.dataSource = dataSource;
        this.needed = isH2File(dataSource);
        this.spacingNanos = spacing.toNanos();
    }

    /** True when acknowledgements wait for a store (an H2 file database). */
    public boolean needed() {
        return needed;
    }

    /**
     * Returns once every transaction committed before this call is on disk. Call after the commit, before the
     * acknowledgement. A failed store is logged, not thrown: the data is committed and the caller's answer stays true
     * as long as the JVM lives.
     */
    public void persist() {
        if (!needed) {
            return;
        }
        long committedBy = System.nanoTime();
        lock.lock();
        try {
            if (lastStoreStarted - committedBy > 0) {
                return; // a store that began after our commit has finished meanwhile
            }
            // Holding the lock: callers arriving meanwhile queue behind it and are covered by the store that follows
            long wait;
            while ((wait = lastStoreStarted + spacingNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lastStoreStarted = System.nanoTime();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            } catch (SQLException e) {
                if (!warned) {
                    warned = true;
                    log.warn("Cannot store the H2 database before acknowledging ({}); commits of the last moments "
                            + "before a crash may be lost", e.getMessage());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean isH2File(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database URL: " + e.getMessage(), e);
        }
    }
}
