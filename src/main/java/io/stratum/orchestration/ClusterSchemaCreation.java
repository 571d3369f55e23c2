package io.stratum.orchestration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Camunda's schema, once per cluster: the engine creates or updates its tables while it is built
 * ({@code schema-update: true}) and takes no lock doing so, so nodes starting together on an empty PostgreSQL database
 * could both try to create them. This plugin holds a PostgreSQL advisory lock from the end of the engine's
 * configuration (just before the schema step) until the engine is built; the next node then finds the schema there.
 * The lock lives on a connection of its own, so the database releases it if the node dies while holding it.
 * Other databases (H2: one node) are left alone.
 */
@Component
public class ClusterSchemaCreation extends AbstractProcessEnginePlugin {

    /** Advisory lock key for "Camunda's schema step": not the one {@link ClusterNodeMigration} takes. */
    static final long LOCK_KEY = 5_187_207_086_359_295L;

    private Connection held;

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection c = configuration.getDataSource().getConnection();
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                c.close();
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            }
            held = c;
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the schema lock: " + e.getMessage(), e);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (held == null) {
            return;
        }
        try (Connection c = held; Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
        } catch (SQLException e) {
            // A connection that fails here is broken: the pool discards it, which ends its session and the lock.
        } finally {
            held = null;
        }
    }
}
