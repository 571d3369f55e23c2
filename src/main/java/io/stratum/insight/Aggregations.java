package io.stratum.insight;

import io.stratum.orchestration.metrics.ProcessHistory.ActivityRun;
import io.stratum.orchestration.metrics.ProcessHistory.OpenIncident;
import io.stratum.orchestration.metrics.ProcessHistory.OpenTask;
import io.stratum.orchestration.metrics.ProcessHistory.TimerFired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The dashboard's arithmetic on history records: percentiles, time buckets, grouping and flags. Pure functions. */
final class Aggregations {

    /** Bucket sizes the charts use, smallest first; the smallest that keeps a window within MAX_BUCKETS wins. */
    static final List<Duration> BUCKET_SIZES = List.of(Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7));
    static final int MAX_BUCKETS = 60;

    static final String DRIFT_INSUFFICIENT = "insufficient-data";
    static final String DRIFT_STABLE = "stable";
    static final String DRIFT_WATCH = "watch";
    static final String DRIFT_ALERT = "drift";

    private Aggregations() {
    }

    /** Durations in seconds: nearest-rank percentiles, mean and maximum; null figures when there is no sample. */
    record Percentiles(long count, Double p50, Double p90, Double p99, Double mean, Double max) {
    }

    static Percentiles ofMillis(List<Long> millis) {
        if (millis.isEmpty()) {
            return new Percentiles(0, null, null, null, null, null);
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        double sum = 0;
        for (long m : sorted) {
            sum += m;
        }
        return new Percentiles(sorted.length, seconds(percentile(sorted, 0.5)), seconds(percentile(sorted, 0.9)),
                seconds(percentile(sorted, 0.99)), seconds(sum / sorted.length), seconds(sorted[sorted.length - 1]));
    }

    /** Nearest rank: the smallest value with at least {@code p} of the sample at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static Double seconds(double millis) {
        return Math.round(millis) / 1000.0;
    }

    static Duration bucketSize(Duration window) {
        for (Duration size : BUCKET_SIZES) {
            if (buckets(window, size) <= MAX_BUCKETS) {
                return size;
            }
        }
        return BUCKET_SIZES.get(BUCKET_SIZES.size() - 1);
    }

    private static long buckets(Duration window, Duration size) {
        return (window.toMillis() + size.toMillis() - 1) / size.toMillis();
    }

    /**
     * Bucket start times covering {@code window} up to {@code now}: buckets are aligned to multiples of their size
     * since the epoch (UTC), the last one contains {@code now}, so two refreshes show the same buckets.
     */
    static List<Instant> bucketStarts(Instant now, Duration window, Duration size) {
        long step = size.toMillis();
        long last = Math.floorDiv(now.toEpochMilli(), step) * step;
        long count = Math.max(1, buckets(window, size));
        List<Instant> starts = new ArrayList<>();
        for (long i = count - 1; i >= 0; i--) {
            starts.add(Instant.ofEpochMilli(last - i * step));
        }
        return starts;
    }

    /** Time spent per activity: where instances wait. */
    record Bottleneck(String process, String activityId, String activityName, String activityType, long count,
                      double totalSeconds, Percentiles duration) {
    }

    /** Activities grouped by process and id, the most time-consuming (total time in the sample) first. */
    static List<Bottleneck> bottlenecks(List<ActivityRun> runs, int limit) {
        Map<List<String>, List<ActivityRun>> byActivity = new LinkedHashMap<>();
        for (ActivityRun run : runs) {
            byActivity.computeIfAbsent(List.of(orUnknown(run.processKey()), run.activityId()), k -> new ArrayList<>())
                    .add(run);
        }
        List<Bottleneck> out = new ArrayList<>();
        byActivity.forEach((key, list) -> {
            ActivityRun first = list.get(0);
            List<Long> millis = list.stream().map(ActivityRun::durationMillis).toList();
            long total = millis.stream().mapToLong(Long::longValue).sum();
            out.add(new Bottleneck(key.get(0), first.activityId(), first.activityName(), first.activityType(),
                    list.size(), total / 1000.0, ofMillis(millis)));
        });
        out.sort(Comparator.comparingDouble(Bottleneck::totalSeconds).reversed()
                .thenComparing(Bottleneck::activityId));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** Open user tasks of one kind. */
    record TaskGroup(String process, String taskKey, String taskName, long open, long overdue, Long oldestSeconds) {
    }

    /** Open tasks per process and task definition, the largest queue first; overdue = due date passed. */
    static List<TaskGroup> openTasks(List<OpenTask> tasks, Instant now) {
        Map<List<String>, List<OpenTask>> groups = new LinkedHashMap<>();
        for (OpenTask task : tasks) {
            groups.computeIfAbsent(List.of(orUnknown(task.processKey()), orUnknown(task.taskKey())),
                    k -> new ArrayList<>()).add(task);
        }
        List<TaskGroup> out = new ArrayList<>();
        groups.forEach((key, list) -> {
            long overdue = list.stream().filter(t -> t.due() != null && t.due().isBefore(now)).count();
            Long oldest = list.stream().map(OpenTask::created).filter(c -> c != null).min(Comparator.naturalOrder())
                    .map(c -> Math.max(0, Duration.between(c, now).toSeconds())).orElse(null);
            out.add(new TaskGroup(key.get(0), key.get(1), list.get(0).taskName(), list.size(), overdue, oldest));
        });
        out.sort(Comparator.comparingLong(TaskGroup::open).reversed().thenComparing(TaskGroup::taskKey));
        return out;
    }

    /** SLA breaches (boundary timers fired) of one timer event. */
    record BreachGroup(String process, String activityId, String activityName, long count, Instant last) {
    }

    static List<BreachGroup> breaches(List<TimerFired> fired) {
        Map<List<String>, List<TimerFired>> groups = new LinkedHashMap<>();
        for (TimerFired f : fired) {
            groups.computeIfAbsent(List.of(orUnknown(f.processKey()), f.activityId()), k -> new ArrayList<>()).add(f);
        }
        List<BreachGroup> out = new ArrayList<>();
        groups.forEach((key, list) -> out.add(new BreachGroup(key.get(0), key.get(1), list.get(0).activityName(),
                list.size(), list.stream().map(TimerFired::at).max(Comparator.naturalOrder()).orElse(null))));
        out.sort(Comparator.comparingLong(BreachGroup::count).reversed().thenComparing(BreachGroup::activityId));
        return out;
    }

    /** Open incidents per process. */
    static Map<String, Long> incidentsPerProcess(List<OpenIncident> incidents) {
        Map<String, Long> out = new TreeMap<>();
        incidents.forEach(i -> out.merge(orUnknown(i.processKey()), 1L, Long::sum));
        return out;
    }

    /**
     * The drift flag of a model's confidence PSI (recent reviewed inputs against its training examples). Common
     * reading of PSI: below 0.1 stable, 0.1-0.25 a shift worth watching, above 0.25 a real shift.
     */
    static String drift(Double psi, int items, InsightSettings settings) {
        if (psi == null || items < settings.minDriftItems()) {
            return DRIFT_INSUFFICIENT;
        }
        if (psi >= settings.driftAlertPsi()) {
            return DRIFT_ALERT;
        }
        return psi >= settings.driftWatchPsi() ? DRIFT_WATCH : DRIFT_STABLE;
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }
}
