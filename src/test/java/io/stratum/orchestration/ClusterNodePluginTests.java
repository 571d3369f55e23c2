package io.stratum.orchestration;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine on an embedded H2 file starts with no job locked by a run that died; other databases keep their locks
 * (another node may hold them).
 */
class ClusterNodePluginTests {

    @TempDir
    Path dataDir;

    private final ClusterNodePlugin plugin = new ClusterNodePlugin(new ClusterNodeSettings("node-a", Duration.ofSeconds(10)));

    @Test
    void aJobLockedByARunThatDiedIsFreeWhenTheEngineStartsAgain() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("db/stratum") + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE";
        ProcessEngine first = engine(url);
        String jobId;
        try {
            first.getRepositoryService().createDeployment().addModelInstance("p.bpmn",
                    Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1).startEvent()
                            .serviceTask().camundaAsyncBefore().camundaExpression("${true}").endEvent().done())
                    .deploy();
            first.getRuntimeService().startProcessInstanceByKey("p");
            jobId = first.getManagementService().createJobQuery().singleResult().getId();
            // What a JVM killed while running the job leaves behind: its lock, an hour from expiring.
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE act_ru_job SET lock_owner_ = 'dead-node',"
                        + " lock_exp_time_ = DATEADD(HOUR, 1, CURRENT_TIMESTAMP)");
            }
        } finally {
            first.close();
        }

        ProcessEngine second = engine(url);
        try {
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT lock_owner_, lock_exp_time_ FROM act_ru_job")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
                assertThat(rs.getTimestamp(2)).isNull();
            }
            Job job = second.getManagementService().createJobQuery().jobId(jobId).singleResult();
            second.getManagementService().executeJob(job.getId()); // its revision was bumped with the release
            assertThat(second.getHistoryService().createHistoricProcessInstanceQuery().finished().count()).isEqualTo(1);
        } finally {
            second.close();
        }
    }

    @Test
    void onlyAnH2FileThisJvmOpensAloneCountsAsEmbedded() {
        assertThat(ClusterNodePlugin.isEmbeddedH2File("jdbc:h2:file:./data/db/stratum;LOCK_TIMEOUT=10000")).isTrue();
        assertThat(ClusterNodePlugin.isEmbeddedH2File("jdbc:h2:./data/db/stratum")).isTrue();
        assertThat(ClusterNodePlugin.isEmbeddedH2File("jdbc:h2:mem:test")).isFalse();
        assertThat(ClusterNodePlugin.isEmbeddedH2File("jdbc:h2:tcp://db:9092/stratum")).isFalse();
        assertThat(ClusterNodePlugin.isEmbeddedH2File("jdbc:h2:file:./data/db/stratum;AUTO_SERVER=TRUE")).isFalse();
        assertThat(ClusterNodePlugin.isEmbeddedH2File("jdbc:postgresql://db/stratum")).isFalse();
        assertThat(ClusterNodePlugin.isEmbeddedH2File(null)).isFalse();
    }

    private ProcessEngine engine(String url) {
        ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("cluster-node-" + UUID.randomUUID());
        configuration.setJdbcUrl(url);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEnginePlugins(new ArrayList<>(List.of(plugin)));
        return configuration.buildProcessEngine();
    }
}
