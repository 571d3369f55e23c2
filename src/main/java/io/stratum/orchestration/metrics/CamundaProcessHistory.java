package io.stratum.orchestration.metrics;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * {@link ProcessHistory} from Camunda's HistoryService (history level ACTIVITY or more; Stratum runs FULL). Runs as the
 * engine's system user: who may see the numbers is decided by the URL rules of the dashboard API.
 */
@Component
public class CamundaProcessHistory implements ProcessHistory {

    static final String BOUNDARY_TIMER = "boundaryTimer";

    private final HistoryService history;
    private final RepositoryService repository;

    public CamundaProcessHistory(HistoryService history, RepositoryService repository) {
        this.history = history;
        this.repository = repository;
    }

    @Override
    public List<Process> processes() {
        return repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list()
                .stream().map(d -> new Process(d.getKey(), name(d))).toList();
    }

    @Override
    public long started(String key, Instant from, Instant to) {
        // startedBefore/After are inclusive: end one millisecond early so adjacent buckets do not share instances
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .startedAfter(Date.from(from)).startedBefore(beforeEnd(to)).count();
    }

    @Override
    public long finished(String key, Instant from, Instant to) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key).finished()
                .finishedAfter(Date.from(from)).finishedBefore(beforeEnd(to)).count();
    }

    @Override
    public long running(String key) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key).unfinished().count();
    }

    @Override
    public List<Long> cycleTimesMillis(String key, Instant from, Instant to, int limit) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key).finished()
                .finishedAfter(Date.from(from)).finishedBefore(beforeEnd(to))
                .orderByProcessInstanceEndTime().desc().listPage(0, limit).stream()
                .map(HistoricProcessInstance::getDurationInMillis).filter(d -> d != null).toList();
    }

    @Override
    public List<ActivityRun> finishedActivities(String activityType, Instant from, int limit) {
        return history.createHistoricActivityInstanceQuery().activityType(activityType).finished()
                .finishedAfter(Date.from(from)).orderByHistoricActivityInstanceEndTime().desc().listPage(0, limit)
                .stream().filter(a -> a.getDurationInMillis() != null)
                .map(a -> new ActivityRun(a.getProcessDefinitionKey(), a.getActivityId(), activityName(a),
                        a.getActivityType(), a.getDurationInMillis())).toList();
    }

    @Override
    public List<OpenTask> openTasks(int limit) {
        return history.createHistoricTaskInstanceQuery().unfinished().orderByHistoricActivityInstanceStartTime().asc()
                .listPage(0, limit).stream().map(CamundaProcessHistory::openTask).toList();
    }

    @Override
    public long openTaskCount() {
        return history.createHistoricTaskInstanceQuery().unfinished().count();
    }

    @Override
    public List<TimerFired> boundaryTimersFired(Instant from, int limit) {
        return history.createHistoricActivityInstanceQuery().activityType(BOUNDARY_TIMER)
                .startedAfter(Date.from(from)).orderByHistoricActivityInstanceStartTime().desc().listPage(0, limit)
                .stream().map(a -> new TimerFired(a.getProcessDefinitionKey(), a.getActivityId(), activityName(a),
                        a.getStartTime().toInstant())).toList();
    }

    @Override
    public List<OpenIncident> openIncidents(int limit) {
        return history.createHistoricIncidentQuery().open().listPage(0, limit).stream()
                .map(i -> new OpenIncident(i.getProcessDefinitionKey(), i.getActivityId(), i.getIncidentType()))
                .toList();
    }

    private static OpenTask openTask(HistoricTaskInstance t) {
        return new OpenTask(t.getProcessDefinitionKey(), t.getTaskDefinitionKey(),
                t.getName() != null ? t.getName() : t.getTaskDefinitionKey(),
                t.getStartTime() == null ? null : t.getStartTime().toInstant(),
                t.getDueDate() == null ? null : t.getDueDate().toInstant());
    }

    private static String name(ProcessDefinition d) {
        return d.getName() != null ? d.getName() : d.getKey();
    }

    private static String activityName(HistoricActivityInstance a) {
        return a.getActivityName() != null ? a.getActivityName() : a.getActivityId();
    }

    private static Date beforeEnd(Instant to) {
        return Date.from(to.minusMillis(1));
    }
}
