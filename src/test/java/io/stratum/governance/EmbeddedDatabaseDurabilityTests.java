package io.stratum.governance;

import io.stratum.ingestion.DurableAcknowledgements;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the embedded default's H2 database (application.yaml's URL, as shipped) every commit acknowledged through
 * {@link DurableAcknowledgements} survives a JVM that dies without closing the database (kill -9, a crash, the OOM
 * killer): a 202 for an inquiry means its inbox row is on disk. Without it, H2 keeps the newest commits in memory
 * until its background writer stores them (every 500 ms), and a halted JVM loses them (measured here: ~14,000 of
 * ~190,000 rows committed in 2 s).
 */
class EmbeddedDatabaseDurabilityTests {

    @TempDir
    Path dataDir;

    @Test
    void everyCommitSurvivesAHaltedJvm() throws Exception {
        String url = ShippedH2Url.in(dataDir);
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), url))
                .redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                last = line;
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("the writer halts itself, output: %s", last).isEqualTo(Writer.HALTED);
        assertThat(last).startsWith("acknowledged ");
        long acknowledged = Long.parseLong(last.substring("acknowledged ".length()));
        assertThat(acknowledged).isPositive();

        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(id) FROM inbox_like")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows after the restart").isEqualTo(acknowledged);
            assertThat(rs.getLong(2)).isEqualTo(acknowledged - 1);
        }
    }

    /**
     * Commits one row per transaction for a second, each acknowledged as the intake does, reports how many, then
     * halts the JVM the way kill -9 ends it: no shutdown hooks, the database never closed.
     */
    public static final class Writer {

        static final int HALTED = 77;

        public static void main(String[] args) throws Exception {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL(args[0]);
            dataSource.setUser("sa");
            DurableAcknowledgements durable = new DurableAcknowledgements(dataSource, Duration.ofMillis(20));
            Connection c = dataSource.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE inbox_like (id BIGINT PRIMARY KEY, payload VARCHAR(200))");
            }
            long n = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO inbox_like VALUES (?, ?)")) {
                for (long end = System.nanoTime() + 1_000_000_000L; System.nanoTime() < end; n++) {
                    insert.setLong(1, n);
                    insert.setString(2, "{\"channel\":\"api\",\"body\":\"inquiry " + n + "\"}");
                    insert.executeUpdate(); // auto-commit: the row is committed when this returns
                    durable.persist();
                }
            }
            System.out.println("acknowledged " + n);
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
