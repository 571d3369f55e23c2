package io.stratum.insight;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratum.orchestration.metrics.EngineMetricsPlugin;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine adapter on a real in-memory engine: process, user-task, boundary-timer and incident meters come from
 * the engine's history events, and the engine's own meters appear as camunda.engine.metric.
 */
class EngineMetricsTests {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProcessEngine engine;

    @BeforeEach
    void startEngine() {
        ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("insight-metrics-" + UUID.randomUUID());
        configuration.setJdbcUrl("jdbc:h2:mem:insight-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEnginePlugins(List.of(new EngineMetricsPlugin(registry)));
        engine = configuration.buildProcessEngine();
    }

    @AfterEach
    void stopEngine() {
        ClockUtil.reset();
        engine.close();
    }

    @Test
    void countsInstancesTasksTimersAndIncidents() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("review-flow").camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Review").name("Review")
                .boundaryEvent("Event_SlaBreached").cancelActivity(false).timerWithDuration("PT1H")
                .endEvent("Event_Escalated")
                .moveToActivity("Task_Review")
                .serviceTask("Task_Fail").camundaAsyncBefore().camundaExpression("${undefinedBean.call()}")
                .endEvent()
                .done();
        engine.getRepositoryService().createDeployment().addModelInstance("review-flow.bpmn", model).deploy();
        BpmnModelInstance quick = Bpmn.createExecutableProcess("quick").camundaHistoryTimeToLive(1)
                .startEvent().endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("quick.bpmn", quick).deploy();

        BpmnModelInstance oneTask = Bpmn.createExecutableProcess("one-task").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Only").endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("one-task.bpmn", oneTask).deploy();

        Date start = new Date();
        ClockUtil.setCurrentTime(start);
        engine.getRuntimeService().startProcessInstanceByKey("quick");
        String oneTaskId = engine.getRuntimeService().startProcessInstanceByKey("one-task").getId();
        String id = engine.getRuntimeService().startProcessInstanceByKey("review-flow").getId();

        assertThat(registry.get("stratum.process.instances.started").tag("process", "review-flow").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("stratum.process.instance.duration").tags("process", "quick", "state", "completed")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("stratum.user.tasks.opened").tags("process", "review-flow", "task", "Task_Review")
                .counter().count()).isEqualTo(1);

        // the SLA timer fires after an hour (non-interrupting)
        ClockUtil.setCurrentTime(new Date(start.getTime() + 3_600_000L + 1000));
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(id).timers().singleResult();
        engine.getManagementService().executeJob(timer.getId());
        assertThat(registry.get("stratum.sla.breaches").tags("process", "review-flow", "activity", "Event_SlaBreached")
                .counter().count()).isEqualTo(1);

        // the person completes the task two hours after it was created
        ClockUtil.setCurrentTime(new Date(start.getTime() + 7_200_000L));
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult();
        engine.getTaskService().complete(task.getId(), Map.of());
        var waiting = registry.get("stratum.user.task.duration").tags("process", "review-flow", "task", "Task_Review")
                .timer();
        assertThat(waiting.count()).isEqualTo(1);
        assertThat(waiting.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(7200.0);

        // the other instance ends after its task, two hours after it started
        engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(oneTaskId)
                .singleResult().getId());
        var cycleTime = registry.get("stratum.process.instance.duration")
                .tags("process", "one-task", "state", "completed").timer();
        assertThat(cycleTime.count()).isEqualTo(1);
        assertThat(cycleTime.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(7200.0);

        // the async service task fails until its retries are gone: one incident
        Job failing = engine.getManagementService().createJobQuery().processInstanceId(id).singleResult();
        engine.getManagementService().setJobRetries(failing.getId(), 1);
        try {
            engine.getManagementService().executeJob(failing.getId());
        } catch (RuntimeException expected) {
            // the job's exception; the incident is created in a separate transaction
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(id).count()).isEqualTo(1);
        assertThat(registry.get("stratum.incidents.opened")
                .tags("process", "review-flow", "activity", "Task_Fail", "type", "failedJob").counter().count())
                .isEqualTo(1);

        // a rolled-back job is not counted: the failed attempts left no extra meters
        assertThat(registry.get("stratum.process.instances.started").tag("process", "review-flow").counter().count())
                .isEqualTo(1);

        // engine meters: activity instances started so far are visible without waiting for the reporter
        assertThat(registry.get("camunda.engine.metric").tag("metric", "activity-instance-start").functionCounter()
                .count()).isGreaterThanOrEqualTo(5);
    }
}
