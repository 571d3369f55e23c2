package io.stratum.governance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default's H2 URL (application.yaml, as shipped): a transaction waits for a row another one holds
 * longer than H2's own 2 s, as decision-log appends need on a loaded machine (they all take the chain head's row
 * until commit).
 */
class EmbeddedDatabaseLockTests {

    @TempDir
    Path dataDir;

    @Test
    void aRowHeldForThreeSecondsIsWaitedForNotFailed() throws Exception {
        String url = ShippedH2Url.in(dataDir);

        try (Connection holder = DriverManager.getConnection(url, "sa", "");
             Connection waiter = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = holder.createStatement()) {
                s.execute("CREATE TABLE head (id INT PRIMARY KEY, last_seq BIGINT)");
                s.execute("INSERT INTO head VALUES (1, 0)");
            }
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT last_seq FROM head WHERE id = 1 FOR UPDATE").close();
            }
            CountDownLatch asking = new CountDownLatch(1);
            CompletableFuture<Void> waited = CompletableFuture.supplyAsync(() -> {
                try (Statement s = waiter.createStatement()) {
                    waiter.setAutoCommit(false);
                    asking.countDown();
                    try (ResultSet rs = s.executeQuery("SELECT last_seq FROM head WHERE id = 1 FOR UPDATE")) {
                        rs.next();
                        s.executeUpdate("UPDATE head SET last_seq = " + (rs.getLong(1) + 1) + " WHERE id = 1");
                    }
                    waiter.commit();
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            asking.await();
            Thread.sleep(3000); // longer than H2's default lock timeout (2 s)
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("UPDATE head SET last_seq = 1 WHERE id = 1");
            }
            holder.commit();

            waited.get(20, TimeUnit.SECONDS); // with H2's 2 s it would have failed with a lock timeout by now
            try (Statement s = holder.createStatement(); ResultSet rs = s.executeQuery("SELECT last_seq FROM head")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2); // both appends, in turn
            }
        }
    }
}
