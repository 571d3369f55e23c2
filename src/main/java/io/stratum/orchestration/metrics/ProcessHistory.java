package io.stratum.orchestration.metrics;

import java.time.Instant;
import java.util.List;

/**
 * What the engine's history says about processes, tasks and activities, as plain records: the read side the
 * operations dashboard (io.stratum.insight) aggregates. Every list is bounded by a limit, newest first, so a busy
 * engine costs the dashboard a bounded read.
 */
public interface ProcessHistory {

    /** A deployed process (latest version's name). */
    record Process(String key, String name) {
    }

    /** A finished activity instance and how long it took. */
    record ActivityRun(String processKey, String activityId, String activityName, String activityType,
                       long durationMillis) {
    }

    /** A user task that is not completed yet. */
    record OpenTask(String processKey, String taskKey, String taskName, Instant created, Instant due) {
    }

    /** A boundary timer that fired: an SLA or deadline passed. */
    record TimerFired(String processKey, String activityId, String activityName, Instant at) {
    }

    /** An incident not yet resolved. */
    record OpenIncident(String processKey, String activityId, String type) {
    }

    /** Every deployed process key, with the name of its latest version. */
    List<Process> processes();

    /** Instances of {@code key} started in [from, to). */
    long started(String key, Instant from, Instant to);

    /** Instances of {@code key} that ended in [from, to). */
    long finished(String key, Instant from, Instant to);

    /** Instances of {@code key} still running. */
    long running(String key);

    /** Cycle times of up to {@code limit} instances of {@code key} that ended in [from, to), newest first. */
    List<Long> cycleTimesMillis(String key, Instant from, Instant to, int limit);

    /** Up to {@code limit} activity instances of one BPMN type (userTask, serviceTask...) that ended after from. */
    List<ActivityRun> finishedActivities(String activityType, Instant from, int limit);

    /** Up to {@code limit} open user tasks, oldest first. */
    List<OpenTask> openTasks(int limit);

    long openTaskCount();

    /** Up to {@code limit} boundary timers that fired after {@code from}, newest first. */
    List<TimerFired> boundaryTimersFired(Instant from, int limit);

    /** Up to {@code limit} open incidents. */
    List<OpenIncident> openIncidents(int limit);
}
