package io.stratum.orchestration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Identity of this node in a cluster of Stratum servers on one database ({@code stratum.cluster.*}).
 *
 * @param nodeId names the node as lock owner of the jobs it runs (Cockpit and ACT_RU_JOB show it); blank = host
 *               name + process id, unique per running JVM
 */
@ConfigurationProperties("stratum.cluster")
public record ClusterNodeSettings(String nodeId) {

    public ClusterNodeSettings {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = hostAndPid();
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
