package io.stratum.governance;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What auditors read from the engine's history (Camunda 7 CE has no history views): instance search, an instance's
 * timeline (activities, tasks and who completed them, variable changes, incidents, rule decisions) and its AI
 * decisions from the decision log. Runs as the system; access is the URL rule for auditors and admins.
 */
@Service
class AuditHistory {

    /** Longest variable value shown; bodies and JSON decisions are cut here (the full value stays in history). */
    static final int MAX_VALUE = 1000;
    /** Most process instances one user filter considers (newest first). */
    static final int MAX_USER_INSTANCES = 5000;

    private final HistoryService history;
    private final RepositoryService repository;
    private final DecisionLog decisions;

    AuditHistory(HistoryService history, RepositoryService repository, DecisionLog decisions) {
        this.history = history;
        this.repository = repository;
        this.decisions = decisions;
    }

    enum State { RUNNING, FINISHED, ALL }

    record Search(String process, String businessKey, Instant from, Instant to, String user, State state,
                  int first, int max) {
    }

    record Process(String key, String name, int latestVersion) {
    }

    record Instance(String id, String processDefinitionKey, String processDefinitionName,
                    Integer processDefinitionVersion, String businessKey, String state, Instant startTime,
                    Instant endTime, Long durationMillis, String startUserId, String deleteReason) {
    }

    /** One line of an instance's timeline. {@code kind}: activity, task, variable, incident, rule, ai, review. */
    record Event(Instant time, Instant end, String kind, String element, String name, String actor,
                 String detail) {
    }

    record Task(String id, String taskDefinitionKey, String name, String assignee, String completedBy,
                Instant created, Instant ended, String outcome) {
    }

    record VariableChange(Instant time, String name, String type, String value, int revision, String activity,
                          String user) {
    }

    record Incident(String id, String type, String activityId, String message, Instant created, Instant ended,
                    String state) {
    }

    record RuleDecision(String decisionKey, String decisionName, String activityId, Instant evaluated,
                        Map<String, Object> inputs, Map<String, Object> outputs) {
    }

    record Activity(String id, String activityId, String name, String type, Instant start, Instant end,
                    String assignee, boolean canceled) {
    }

    /** Everything auditors see about one instance. */
    record InstanceRecord(Instance instance, List<Event> timeline, List<Activity> activities, List<Task> tasks,
                          List<VariableChange> variables, List<Incident> incidents, List<RuleDecision> ruleDecisions,
                          List<DecisionLog.Decision> aiDecisions) {
    }

    List<Process> processes() {
        Map<String, Process> latest = new TreeMap<>();
        for (ProcessDefinition d : repository.createProcessDefinitionQuery().latestVersion().list()) {
            latest.put(d.getKey(), new Process(d.getKey(), d.getName(), d.getVersion()));
        }
        return List.copyOf(latest.values());
    }

    List<Instance> search(Search s) {
        HistoricProcessInstanceQuery q = history.createHistoricProcessInstanceQuery();
        if (s.process() != null) {
            q.processDefinitionKey(s.process());
        }
        if (s.businessKey() != null) {
            if (s.businessKey().contains("%")) {
                q.processInstanceBusinessKeyLike(s.businessKey());
            } else {
                q.processInstanceBusinessKey(s.businessKey());
            }
        }
        if (s.from() != null) {
            q.startedAfter(Date.from(s.from()));
        }
        if (s.to() != null) {
            q.startedBefore(Date.from(s.to()));
        }
        if (s.state() == State.RUNNING) {
            q.unfinished();
        } else if (s.state() == State.FINISHED) {
            q.finished();
        }
        if (s.user() != null) {
            Set<String> ids = instancesOfUser(s.user());
            if (ids.isEmpty()) {
                return List.of();
            }
            q.processInstanceIds(ids);
        }
        return q.orderByProcessInstanceStartTime().desc().listPage(s.first(), s.max()).stream()
                .map(AuditHistory::instance).toList();
    }

    /** Instances the user started, was assigned a task in, or completed a task in. */
    private Set<String> instancesOfUser(String user) {
        Set<String> ids = new LinkedHashSet<>();
        history.createHistoricProcessInstanceQuery().startedBy(user).orderByProcessInstanceStartTime().desc()
                .listPage(0, MAX_USER_INSTANCES).forEach(p -> ids.add(p.getId()));
        history.createHistoricTaskInstanceQuery().taskAssignee(user).orderByHistoricActivityInstanceStartTime()
                .desc().listPage(0, MAX_USER_INSTANCES).stream().map(HistoricTaskInstance::getProcessInstanceId)
                .filter(Objects::nonNull).forEach(ids::add);
        history.createUserOperationLogQuery().userId(user).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                .orderByTimestamp().desc().listPage(0, MAX_USER_INSTANCES).stream()
                .map(UserOperationLogEntry::getProcessInstanceId).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    InstanceRecord record(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (pi == null) {
            throw AuditQueryException.notFound("No process instance " + processInstanceId + " in the history");
        }
        List<Activity> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).orderPartiallyByOccurrence().asc().list().stream()
                .map(AuditHistory::activity).toList();
        Map<String, String> activityNames = new HashMap<>();
        activities.forEach(a -> activityNames.put(a.id(), a.name() != null ? a.name() : a.activityId()));
        activityNames.put(processInstanceId, "process start");

        List<UserOperationLogEntry> operations = history.createUserOperationLogQuery()
                .processInstanceId(processInstanceId).list();
        Map<String, String> completedBy = new HashMap<>();
        Map<String, String> userOfOperation = new HashMap<>();
        for (UserOperationLogEntry op : operations) {
            if (op.getOperationId() != null && op.getUserId() != null) {
                userOfOperation.put(op.getOperationId(), op.getUserId());
            }
            if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(op.getOperationType()) && op.getTaskId() != null
                    && op.getUserId() != null) {
                completedBy.put(op.getTaskId(), op.getUserId());
            }
        }
        List<Task> tasks = history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().list().stream()
                .map(t -> new Task(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
                        completedBy.getOrDefault(t.getId(),
                                "completed".equals(t.getDeleteReason()) ? t.getAssignee() : null),
                        instant(t.getStartTime()), instant(t.getEndTime()),
                        t.getEndTime() == null ? "open" : Objects.requireNonNullElse(t.getDeleteReason(), "ended")))
                .toList();
        List<VariableChange> variables = history.createHistoricDetailQuery().processInstanceId(processInstanceId)
                .variableUpdates().disableCustomObjectDeserialization().orderByTime().asc().list().stream()
                .filter(d -> d instanceof HistoricVariableUpdate).map(d -> variable((HistoricVariableUpdate) d,
                        activityNames, userOfOperation))
                .toList();
        List<Incident> incidents = history.createHistoricIncidentQuery().processInstanceId(processInstanceId)
                .list().stream().map(AuditHistory::incident).toList();
        List<RuleDecision> rules = history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId)
                .includeInputs().includeOutputs().list().stream().map(AuditHistory::rule).toList();
        List<DecisionLog.Decision> ai = decisions.decisions(processInstanceId);

        return new InstanceRecord(instance(pi), timeline(activities, tasks, variables, incidents, rules, ai),
                activities, tasks, variables, incidents, rules, ai);
    }

    /** All of an instance's events in time order; tasks stand for their user-task activities. */
    static List<Event> timeline(List<Activity> activities, List<Task> tasks, List<VariableChange> variables,
                                List<Incident> incidents, List<RuleDecision> rules, List<DecisionLog.Decision> ai) {
        List<Event> events = new ArrayList<>();
        for (Activity a : activities) {
            if (!"userTask".equals(a.type())) {
                events.add(new Event(a.start(), a.end(), "activity", a.activityId(), a.name(), null,
                        a.type() + (a.canceled() ? ", canceled" : a.end() == null ? ", running" : "")));
            }
        }
        for (Task t : tasks) {
            String detail = t.ended() == null
                    ? "open" + (t.assignee() != null ? ", assigned to " + t.assignee() : "")
                    : t.completedBy() != null ? "completed by " + t.completedBy() : t.outcome();
            events.add(new Event(t.created(), t.ended(), "task", t.taskDefinitionKey(), t.name(),
                    t.completedBy() != null ? t.completedBy() : t.assignee(), detail));
        }
        for (VariableChange v : variables) {
            events.add(new Event(v.time(), null, "variable", v.activity(), v.name(), v.user(),
                    (v.revision() == 0 ? "set " : "changed to ") + v.value()));
        }
        for (Incident i : incidents) {
            events.add(new Event(i.created(), i.ended(), "incident", i.activityId(), i.type(), null,
                    i.state() + ": " + i.message()));
        }
        for (RuleDecision r : rules) {
            events.add(new Event(r.evaluated(), null, "rule", r.activityId(), r.decisionName(), null,
                    r.inputs() + " -> " + r.outputs()));
        }
        for (DecisionLog.Decision d : ai) {
            events.add(new Event(d.decidedAt(), null, "ai", d.activityId(), d.model() + " v" + d.modelVersion(),
                    null, d.output() + (d.confidence() == null ? "" : String.format(java.util.Locale.ROOT,
                    " (confidence %.2f)", d.confidence()))));
            if (d.finalizedAt() != null) {
                events.add(new Event(d.finalizedAt(), null, "review", d.activityId(), d.model(), d.finalActor(),
                        (d.overridden() ? "overridden: " + d.output() + " -> " : "confirmed: ") + d.finalValue()
                                + (d.finalReason() != null ? " (" + d.finalReason() + ")" : "")));
            }
        }
        events.sort(Comparator.comparing(Event::time, Comparator.nullsLast(Comparator.naturalOrder())));
        return events;
    }

    private static Instance instance(HistoricProcessInstance p) {
        return new Instance(p.getId(), p.getProcessDefinitionKey(), p.getProcessDefinitionName(),
                p.getProcessDefinitionVersion(), p.getBusinessKey(), p.getState(), instant(p.getStartTime()),
                instant(p.getEndTime()), p.getDurationInMillis(), p.getStartUserId(), p.getDeleteReason());
    }

    private static Activity activity(HistoricActivityInstance a) {
        return new Activity(a.getId(), a.getActivityId(), a.getActivityName(), a.getActivityType(),
                instant(a.getStartTime()), instant(a.getEndTime()), a.getAssignee(), a.isCanceled());
    }

    private static VariableChange variable(HistoricVariableUpdate u, Map<String, String> activityNames,
                                           Map<String, String> userOfOperation) {
        String value;
        if (u.getErrorMessage() != null) {
            value = "(unreadable: " + u.getErrorMessage() + ")";
        } else {
            Object v = u.getTypedValue() == null ? null : u.getTypedValue().getValue();
            value = clip(String.valueOf(v));
        }
        return new VariableChange(instant(u.getTime()), u.getVariableName(), u.getTypeName(), value,
                u.getRevision(), activityNames.getOrDefault(u.getActivityInstanceId(), u.getActivityInstanceId()),
                u.getUserOperationId() == null ? null : userOfOperation.get(u.getUserOperationId()));
    }

    private static Incident incident(HistoricIncident i) {
        String state = i.isOpen() ? "open" : i.isResolved() ? "resolved" : "deleted";
        return new Incident(i.getId(), i.getIncidentType(), i.getActivityId(), i.getIncidentMessage(),
                instant(i.getCreateTime()), instant(i.getEndTime()), state);
    }

    private static RuleDecision rule(HistoricDecisionInstance d) {
        Map<String, Object> in = new TreeMap<>();
        d.getInputs().forEach(i -> in.put(Objects.requireNonNullElse(i.getClauseName(), i.getClauseId()),
                i.getValue()));
        Map<String, Object> out = new TreeMap<>();
        d.getOutputs().forEach(o -> out.put(Objects.requireNonNullElse(o.getVariableName(), o.getClauseId()),
                o.getValue()));
        return new RuleDecision(d.getDecisionDefinitionKey(), d.getDecisionDefinitionName(), d.getActivityId(),
                instant(d.getEvaluationTime()), in, out);
    }

    static String clip(String s) {
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "… (" + s.length() + " characters)";
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    static List<String> instanceHeader() {
        return List.of("id", "processDefinitionKey", "processDefinitionName", "version", "businessKey", "state",
                "startTime", "endTime", "durationMillis", "startUserId");
    }

    static List<Object> instanceRow(Instance i) {
        return java.util.Arrays.asList(i.id(), i.processDefinitionKey(), i.processDefinitionName(),
                i.processDefinitionVersion(), i.businessKey(), i.state(), i.startTime(), i.endTime(),
                i.durationMillis(), i.startUserId());
    }

    static List<String> eventHeader() {
        return List.of("time", "end", "kind", "element", "name", "actor", "detail");
    }

    static List<Object> eventRow(Event e) {
        return java.util.Arrays.asList(e.time(), e.end(), e.kind(), e.element(), e.name(), e.actor(), e.detail());
    }
}
