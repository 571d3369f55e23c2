package io.stratum.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;

/** Real PostgreSQL for tests: binaries from Maven Central (zonky), loopback only, one database per use. */
public final class EmbeddedPostgresSupport {

    private EmbeddedPostgresSupport() {
    }

    private static EmbeddedPostgres shared;

    /**
     * One server for the whole test JVM, stopped when the JVM exits: a Spring context closes after its class's
     * {@code @AfterAll}, and its job executor must not lose the database before that.
     */
    public static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            try {
                EmbeddedPostgres pg = start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting anyway
                    }
                }));
                shared = pg;
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
        }
        return shared;
    }

    public static EmbeddedPostgres start() throws IOException {
        return builder().start();
    }

    /**
     * A server that also records per-statement cost ({@code pg_stat_statements}, shipped in the zonky binaries): the
     * cluster benchmark tells from it which statements a second node adds.
     */
    public static EmbeddedPostgres startWithStatementStats() throws IOException {
        return builder().setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.max", "2000")
                .setServerConfig("pg_stat_statements.track_planning", "on").start();
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Tests need no durability across a machine crash; keeps the 2-core machine's disk out of the way.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_connections", "200");
    }

    /** Creates an empty database and returns a data source for it (user postgres, no password). */
    public static DataSource freshDatabase(EmbeddedPostgres pg, String name) {
        JdbcClient.create(pg.getPostgresDatabase()).sql("CREATE DATABASE " + name).update();
        return pg.getDatabase("postgres", name);
    }

    public static String jdbcUrl(EmbeddedPostgres pg, String database) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + database;
    }

    static int migrationCount() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql").length;
    }
}
