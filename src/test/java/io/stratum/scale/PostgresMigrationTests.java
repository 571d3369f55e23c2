package io.stratum.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stratum's Flyway migrations on a real PostgreSQL (binaries from Maven): they apply, and nodes starting together
 * migrate the database once (Flyway's PostgreSQL lock).
 */
class PostgresMigrationTests {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgresSupport.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void nodesStartingTogetherMigrateOnce() throws Exception {
        DataSource ds = EmbeddedPostgresSupport.freshDatabase(pg, "migrate_once");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Callable<MigrateResult> migrate = () -> Flyway.configure().dataSource(ds)
                    .locations("classpath:db/migration").baselineOnMigrate(true).load().migrate();
            List<Future<MigrateResult>> results = pool.invokeAll(List.of(migrate, migrate, migrate));
            int applied = 0;
            for (Future<MigrateResult> r : results) {
                assertThat(r.get().success).isTrue();
                applied += r.get().migrationsExecuted;
            }
            int scripts = EmbeddedPostgresSupport.migrationCount();
            assertThat(applied).as("each migration ran on exactly one node").isEqualTo(scripts);
            JdbcClient jdbc = JdbcClient.create(ds);
            assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class)
                    .single()).isEqualTo(scripts);
            // The statements the layers use that differ most between databases
            assertThat(jdbc.sql("SELECT nextval('ticket_number_seq')").query(Long.class).single()).isEqualTo(1L);
            assertThat(jdbc.sql("SELECT last_seq FROM decision_log_head WHERE id = 1").query(Long.class).single())
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
