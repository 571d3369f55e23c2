package io.stratum.insight;

import io.stratum.orchestration.metrics.CamundaProcessHistory;
import io.stratum.orchestration.metrics.ProcessHistory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine adapter behind the dashboard on a real in-memory engine with a controlled clock: which instances fall
 * into which interval, their cycle times, open tasks, fired SLA timers, incidents; then the dashboard's figures
 * computed from it. One engine for the class (each test deploys its own process).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessHistoryTests {

    static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    ProcessEngine engine;
    ProcessHistory history;

    @BeforeAll
    void startEngine() {
        ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("insight-history-" + UUID.randomUUID());
        configuration.setJdbcUrl("jdbc:h2:mem:insight-history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        engine = configuration.buildProcessEngine();
        history = new CamundaProcessHistory(engine.getHistoryService(), engine.getRepositoryService());
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    void stopEngine() {
        engine.close();
    }

    void at(Instant time) {
        ClockUtil.setCurrentTime(Date.from(time));
    }

    @Test
    void readsInstancesTasksTimersAndIncidentsFromHistory() {
        BpmnModelInstance review = Bpmn.createExecutableProcess("review-flow").name("Review flow")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Review").name("Review").camundaDueDate("${due}")
                .boundaryEvent("Event_SlaBreached").name("SLA breached").cancelActivity(false)
                .timerWithDuration("PT1H").endEvent()
                .moveToActivity("Task_Review")
                .serviceTask("Task_Fail").camundaAsyncBefore().camundaExpression("${undefinedBean.call()}")
                .endEvent()
                .done();
        engine.getRepositoryService().createDeployment().addModelInstance("review-flow.bpmn", review).deploy();

        // three instances start at 08:00, 08:10 and 09:10
        at(T0);
        String a = start();
        at(T0.plus(Duration.ofMinutes(10)));
        String b = start();
        at(T0.plus(Duration.ofMinutes(70)));
        String c = start();

        // a's SLA timer fires at 09:00+; a's review is done at 09:30 (90 min), b's at 09:40 (90 min)
        at(T0.plus(Duration.ofMinutes(61)));
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(a).timers().singleResult();
        engine.getManagementService().executeJob(timer.getId());
        at(T0.plus(Duration.ofMinutes(90)));
        complete(a);
        at(T0.plus(Duration.ofMinutes(100)));
        complete(b);
        // a's and b's failing steps become incidents; c waits in review
        for (String pi : List.of(a, b)) {
            Job job = engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult();
            engine.getManagementService().setJobRetries(job.getId(), 0);
        }
        Instant now = T0.plus(Duration.ofMinutes(120));
        at(now);

        assertThat(history.processes()).contains(new ProcessHistory.Process("review-flow", "Review flow"));
        Instant hour8 = T0;
        Instant hour9 = T0.plus(Duration.ofHours(1));
        Instant hour10 = T0.plus(Duration.ofHours(2));
        assertThat(history.started("review-flow", hour8, hour9)).isEqualTo(2);
        assertThat(history.started("review-flow", hour9, hour10)).isEqualTo(1);
        // none ended: incidents keep a and b running
        assertThat(history.finished("review-flow", hour8, hour10)).isZero();
        assertThat(history.running("review-flow")).isEqualTo(3);

        List<ProcessHistory.ActivityRun> reviews = history.finishedActivities("userTask", hour8, 100);
        assertThat(reviews).extracting(ProcessHistory.ActivityRun::durationMillis)
                .containsExactlyInAnyOrder(90 * 60_000L, 90 * 60_000L);
        assertThat(reviews).allSatisfy(r -> {
            assertThat(r.processKey()).isEqualTo("review-flow");
            assertThat(r.activityName()).isEqualTo("Review");
        });
        assertThat(history.finishedActivities("userTask", hour10, 100)).isEmpty();

        List<ProcessHistory.OpenTask> open = history.openTasks(100);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).taskKey()).isEqualTo("Task_Review");
        assertThat(open.get(0).created()).isEqualTo(T0.plus(Duration.ofMinutes(70)));
        assertThat(open.get(0).due()).isEqualTo(T0.plus(Duration.ofMinutes(100)));
        assertThat(history.openTaskCount()).isEqualTo(1);

        List<ProcessHistory.TimerFired> fired = history.boundaryTimersFired(hour8, 100);
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).activityId()).isEqualTo("Event_SlaBreached");
        assertThat(fired.get(0).activityName()).isEqualTo("SLA breached");
        assertThat(history.openIncidents(100)).hasSize(2)
                .allSatisfy(i -> assertThat(i.activityId()).isEqualTo("Task_Fail"));

        // the dashboard's figures on top: c's review is overdue (due 09:50), 1 breach, 2 incidents
        var work = Aggregations.openTasks(open, now);
        assertThat(work.get(0).overdue()).isEqualTo(1);
        assertThat(work.get(0).oldestSeconds()).isEqualTo(50 * 60);
    }

    @Test
    void cycleTimesAreReadPerInterval() {
        BpmnModelInstance task = Bpmn.createExecutableProcess("one-task").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Only").endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("one-task.bpmn", task).deploy();
        at(T0);
        String first = engine.getRuntimeService().startProcessInstanceByKey("one-task").getId();
        String second = engine.getRuntimeService().startProcessInstanceByKey("one-task").getId();
        at(T0.plus(Duration.ofMinutes(30)));
        complete(first);
        at(T0.plus(Duration.ofMinutes(75)));
        complete(second);

        Instant hour9 = T0.plus(Duration.ofHours(1));
        assertThat(history.finished("one-task", T0, hour9)).isEqualTo(1);
        assertThat(history.cycleTimesMillis("one-task", T0, hour9, 10)).containsExactly(30 * 60_000L);
        assertThat(history.cycleTimesMillis("one-task", hour9, hour9.plus(Duration.ofHours(1)), 10))
                .containsExactly(75 * 60_000L);
        assertThat(history.cycleTimesMillis("one-task", T0, hour9.plus(Duration.ofHours(1)), 1)).hasSize(1);
        assertThat(history.running("one-task")).isZero();
    }

    String start() {
        return engine.getRuntimeService().startProcessInstanceByKey("review-flow",
                java.util.Map.of("due", Date.from(ClockUtil.getCurrentTime().toInstant()
                        .plus(Duration.ofMinutes(30))))).getId();
    }

    void complete(String pi) {
        engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(pi)
                .singleResult().getId());
    }
}
