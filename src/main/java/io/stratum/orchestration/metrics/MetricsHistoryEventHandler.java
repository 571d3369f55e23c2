package io.stratum.orchestration.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

import java.time.Duration;
import java.util.List;

/**
 * Counts process instances, user tasks, boundary timers and incidents from the engine's history events. A meter is
 * updated only when the engine's transaction commits, so a rolled-back job (retried later) is not counted twice.
 * Needs a history level that produces these events (Stratum runs FULL; ACTIVITY is enough).
 */
class MetricsHistoryEventHandler implements HistoryEventHandler {

    static final String UNKNOWN = "unknown";
    /** Cycle-time buckets people reason in: seconds for straight-through, hours and days for reviewed work. */
    static final Duration[] CYCLE_TIME_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24), Duration.ofDays(7)};

    private final MeterRegistry registry;

    MetricsHistoryEventHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        String type = event.getEventType();
        if (event instanceof HistoricProcessInstanceEventEntity instance) {
            if (HistoryEventTypes.PROCESS_INSTANCE_START.getEventName().equals(type)) {
                afterCommit(() -> Counter.builder("stratum.process.instances.started")
                        .description("Process instances started")
                        .tag("process", key(event)).register(registry).increment());
            } else if (HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(type)) {
                String state = instance.getState() == null ? UNKNOWN : instance.getState().toLowerCase();
                afterCommit(() -> Timer.builder("stratum.process.instance.duration")
                        .description("Process instances ended (state completed or terminated) and their cycle time")
                        .tags("process", key(event), "state", state)
                        .serviceLevelObjectives(CYCLE_TIME_BUCKETS)
                        .register(registry).record(duration(instance)));
            }
        } else if (event instanceof HistoricTaskInstanceEventEntity task) {
            if (HistoryEventTypes.TASK_INSTANCE_COMPLETE.getEventName().equals(type)) {
                String taskKey = orUnknown(task.getTaskDefinitionKey());
                afterCommit(() -> Timer.builder("stratum.user.task.duration")
                        .description("User tasks completed and their time from creation to completion")
                        .tags("process", key(event), "task", taskKey)
                        .serviceLevelObjectives(CYCLE_TIME_BUCKETS)
                        .register(registry).record(duration(task)));
            } else if (HistoryEventTypes.TASK_INSTANCE_CREATE.getEventName().equals(type)) {
                String taskKey = orUnknown(task.getTaskDefinitionKey());
                afterCommit(() -> Counter.builder("stratum.user.tasks.opened")
                        .description("User tasks created")
                        .tags("process", key(event), "task", taskKey).register(registry).increment());
            }
        } else if (event instanceof HistoricActivityInstanceEventEntity activity) {
            if ("boundaryTimer".equals(activity.getActivityType())
                    && HistoryEventTypes.ACTIVITY_INSTANCE_START.getEventName().equals(type)) {
                String activityId = orUnknown(activity.getActivityId());
                afterCommit(() -> Counter.builder("stratum.sla.breaches")
                        .description("Boundary timers that fired (SLA or deadline passed), per timer event")
                        .tags("process", key(event), "activity", activityId).register(registry).increment());
            }
        } else if (event instanceof HistoricIncidentEventEntity incident) {
            if (HistoryEventTypes.INCIDENT_CREATE.getEventName().equals(type)) {
                String incidentType = orUnknown(incident.getIncidentType());
                String activityId = orUnknown(incident.getActivityId());
                afterCommit(() -> Counter.builder("stratum.incidents.opened")
                        .description("Incidents opened (a job out of retries, a failed external task...)")
                        .tags("process", key(event), "activity", activityId, "type", incidentType)
                        .register(registry).increment());
            }
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    private static void afterCommit(Runnable record) {
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            record.run();
        } else {
            context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, c -> record.run());
        }
    }

    /**
     * Read at commit: an end event from a later transaction than the start carries no start time until the
     * database history handler (which runs after this one) has copied it from the stored row.
     */
    private static Duration duration(HistoricScopeInstanceEvent event) {
        Long millis = event.getDurationInMillis();
        if (millis == null && event.getStartTime() != null && event.getEndTime() != null) {
            millis = event.getEndTime().getTime() - event.getStartTime().getTime();
        }
        return Duration.ofMillis(millis == null || millis < 0 ? 0 : millis);
    }

    private static String key(HistoryEvent event) {
        return orUnknown(event.getProcessDefinitionKey());
    }

    private static String orUnknown(String value) {
        return value == null ? UNKNOWN : value;
    }
}
