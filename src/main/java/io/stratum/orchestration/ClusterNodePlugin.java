package io.stratum.orchestration;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Makes the job executor lock jobs in this node's name (Camunda's default is a random UUID per start), so an operator
 * sees which node holds a job and a restarted node with a fixed {@code STRATUM_NODE_ID} is recognisable; and names
 * the engine's host after the node (Camunda's default is the IP address, the same for nodes sharing a machine), so
 * the job log tells which node ran a job.
 */
@Component
@EnableConfigurationProperties(ClusterNodeSettings.class) // also where the package is scanned without the app's scan
class ClusterNodePlugin extends AbstractProcessEnginePlugin {

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
}
