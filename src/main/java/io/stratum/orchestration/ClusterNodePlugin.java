package io.stratum.orchestration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the job executor lock jobs in this node's name (Camunda's default is a random UUID per start), so an operator
 * sees which node holds a job and a restarted node with a fixed {@code STRATUM_NODE_ID} is recognisable; and names
 * the engine's host after the node (Camunda's default is the IP address, the same for nodes sharing a machine), so
 * the job log tells which node ran a job.
 * <p>
 * On the embedded H2 file database only this JVM can open the database (H2 locks the file), so every job lock found
 * when the engine is built, before the job executor starts, was left by a run that died (kill -9, a crash): those
 * locks are cleared at once instead of after their lock time (5 minutes), and the inquiries in flight continue.
 */
@Component
@EnableConfigurationProperties(ClusterNodeSettings.class) // also where the package is scanned without the app's scan
class ClusterNodePlugin extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(ClusterNodePlugin.class);

    private final ClusterNodeSettings settings;

    ClusterNodePlugin(ClusterNodeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHostname(settings.nodeId());
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(settings.nodeId());
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDataSource();
        try (Connection c = dataSource.getConnection()) {
            if (!isEmbeddedH2File(c.getMetaData().getURL())) {
                return;
            }
            try (Statement s = c.createStatement()) {
                int released = s.executeUpdate("UPDATE act_ru_job SET lock_owner_ = NULL, lock_exp_time_ = NULL,"
                        + " rev_ = rev_ + 1 WHERE lock_owner_ IS NOT NULL");
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                if (released > 0) {
                    log.info("Released {} job locks left by a previous run that did not stop cleanly", released);
                }
            }
        } catch (SQLException e) {
            log.warn("Could not release job locks left by a previous run (they free up after their lock time): {}",
                    e.getMessage());
        }
    }

    /** An H2 file opened in this JVM alone: not in memory, not through a server, not shared by AUTO_SERVER. */
    static boolean isEmbeddedH2File(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length()).toLowerCase(java.util.Locale.ROOT);
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
                || rest.startsWith("zip:") || rest.replace(" ", "").contains("auto_server=true"));
    }
}
