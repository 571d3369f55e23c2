package io.stratum.orchestration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Identity of this node in a cluster of Stratum servers on one database ({@code stratum.cluster.*}).
 *
 * @param nodeId          names the node as lock owner of the jobs it runs (Cockpit and ACT_RU_JOB show it) and as
 *                        the engine's host name (ACT_HI_JOB_LOG.HOSTNAME_: which node ran a job); blank = host name +
 *                        process id, unique per running JVM
 * @param championRefresh how often this node checks the model registry for a champion promoted on another node
 */
@ConfigurationProperties("stratum.cluster")
public record ClusterNodeSettings(String nodeId, Duration championRefresh) {

    public ClusterNodeSettings {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = hostAndPid();
        }
        if (championRefresh == null || championRefresh.isNegative() || championRefresh.isZero()) {
            championRefresh = Duration.ofSeconds(10);
        }
    }

    static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
