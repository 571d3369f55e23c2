package io.stratum.orchestration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Stratum's Flyway migrations, once per cluster: nodes starting together on one PostgreSQL database take turns.
 * Flyway's own lock covers applying migrations but not its first look at the database (does the history table exist,
 * is the schema empty), so two nodes on an empty database could both decide to create or baseline the history table
 * ("Unable to baseline schema history table ... already exists, and is empty"). Here the whole {@code migrate()} runs
 * while this node holds a PostgreSQL advisory lock on a connection of its own; the next node then finds everything
 * applied. Other databases (H2: one node) migrate directly.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterNodeMigration {

    /** Advisory lock key for "Stratum migrates": any constant that no other code locks on. */
    static final long LOCK_KEY = 5_187_207_086_359_294L;

    @Bean
    FlywayMigrationStrategy clusterSafeMigration() {
        return ClusterNodeMigration::migrate;
    }

    /**
     * Runs {@code flyway.migrate()}, on PostgreSQL under the cluster-wide migration lock. The lock is
     * transaction-scoped, so it is released by the rollback at the end, or by the database when the connection (or
     * the node) dies.
     */
    public static MigrateResult migrate(Flyway flyway) {
        DataSource ds = flyway.getConfiguration().getDataSource();
        try (Connection c = ds.getConnection()) {
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                return flyway.migrate();
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                }
                return flyway.migrate();
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the migration lock: " + e.getMessage(), e);
        }
    }
}
