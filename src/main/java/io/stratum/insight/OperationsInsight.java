package io.stratum.insight;

import io.stratum.insight.Aggregations.BreachGroup;
import io.stratum.insight.Aggregations.Bottleneck;
import io.stratum.insight.Aggregations.Percentiles;
import io.stratum.insight.Aggregations.TaskGroup;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.learning.ModelMonitoring;
import io.stratum.orchestration.metrics.ProcessHistory;
import io.stratum.orchestration.metrics.ProcessHistory.ActivityRun;
import io.stratum.orchestration.metrics.ProcessHistory.OpenTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations dashboard's figures: throughput and cycle-time percentiles per process over time, open work and
 * SLA breaches, bottleneck activities (all from the engine's history), and per model the override rate and accuracy
 * per version and a drift flag (from the learning layer's monitoring).
 */
@Service
public class OperationsInsight {

    private static final Logger log = LoggerFactory.getLogger(OperationsInsight.class);

    /** Activity types whose duration is work or waiting (gateways and events take no time worth ranking). */
    static final List<String> TIMED_ACTIVITY_TYPES = List.of("userTask", "serviceTask", "businessRuleTask",
            "sendTask", "scriptTask", "receiveTask", "manualTask", "task", "callActivity", "subProcess");

    public record Bucket(Instant start, long started, long completed, Double p50, Double p90, Double p99) {
    }

    public record ProcessSeries(String key, String name, long started, long completed, long running,
                                Percentiles cycleTime, List<Bucket> buckets) {
    }

    public record Processes(Instant from, Instant to, long bucketSeconds, boolean sampled,
                            List<ProcessSeries> processes) {
    }

    public record Work(Instant from, Instant to, long openTasks, long overdueTasks, long slaBreaches,
                       long openIncidents, boolean sampled, List<TaskGroup> tasks, List<BreachGroup> breaches,
                       Map<String, Long> incidents) {
    }

    public record Bottlenecks(Instant from, Instant to, boolean sampled, List<Bottleneck> activities) {
    }

    public record VersionView(int version, long reviewed, long overridden, double overrideRate,
                              double accuracyOnReviewed) {
    }

    public record ModelView(String model, Integer championVersion, double thresholdInForce, double targetPrecision,
                            Double derivedThreshold, Double psi, int recentItems, String drift,
                            long reviewed, long overridden, Double overrideRate, List<VersionView> versions,
                            Instant reportedAt, String error) {
    }

    public record Models(List<ModelView> models) {
    }

    private record CachedReport(ModelView view, Instant at) {
    }

    private final ProcessHistory history;
    private final ModelRegistry registry;
    private final ModelMonitoring monitoring;
    private final InsightSettings settings;
    private final Clock clock;
    private final Map<String, CachedReport> reports = new ConcurrentHashMap<>();

    @Autowired
    public OperationsInsight(ProcessHistory history, ModelRegistry registry, ModelMonitoring monitoring,
                             InsightSettings settings) {
        this(history, registry, monitoring, settings, Clock.systemUTC());
    }

    OperationsInsight(ProcessHistory history, ModelRegistry registry, ModelMonitoring monitoring,
                      InsightSettings settings, Clock clock) {
        this.history = history;
        this.registry = registry;
        this.monitoring = monitoring;
        this.settings = settings;
        this.clock = clock;
    }

    public Processes processes(Duration window) {
        Instant to = clock.instant();
        Instant from = to.minus(window);
        Duration size = Aggregations.bucketSize(window);
        List<Instant> starts = Aggregations.bucketStarts(to, window, size);
        boolean sampled = false;
        List<ProcessSeries> out = new ArrayList<>();
        for (ProcessHistory.Process process : history.processes()) {
            List<Bucket> buckets = new ArrayList<>();
            for (Instant start : starts) {
                Instant end = start.plus(size);
                long completed = history.finished(process.key(), start, end);
                Percentiles p = completed == 0 ? Aggregations.ofMillis(List.of())
                        : Aggregations.ofMillis(history.cycleTimesMillis(process.key(), start, end,
                        settings.samplePerBucket()));
                sampled |= completed > p.count();
                buckets.add(new Bucket(start, history.started(process.key(), start, end), completed, p.p50(),
                        p.p90(), p.p99()));
            }
            long completed = history.finished(process.key(), from, to.plusMillis(1));
            List<Long> cycleTimes = completed == 0 ? List.of()
                    : history.cycleTimesMillis(process.key(), from, to.plusMillis(1), settings.maxRows());
            sampled |= completed > cycleTimes.size();
            out.add(new ProcessSeries(process.key(), process.name(),
                    history.started(process.key(), from, to.plusMillis(1)), completed, history.running(process.key()),
                    Aggregations.ofMillis(cycleTimes), buckets));
        }
        return new Processes(from, to, size.toSeconds(), sampled, out);
    }

    public Work work(Duration window) {
        Instant to = clock.instant();
        Instant from = to.minus(window);
        List<OpenTask> open = history.openTasks(settings.maxRows());
        long openCount = history.openTaskCount();
        List<TaskGroup> tasks = Aggregations.openTasks(open, to);
        List<ProcessHistory.TimerFired> fired = history.boundaryTimersFired(from, settings.maxRows());
        List<ProcessHistory.OpenIncident> incidents = history.openIncidents(settings.maxRows());
        return new Work(from, to, openCount, tasks.stream().mapToLong(TaskGroup::overdue).sum(), fired.size(),
                incidents.size(), openCount > open.size() || fired.size() >= settings.maxRows(), tasks,
                Aggregations.breaches(fired), Aggregations.incidentsPerProcess(incidents));
    }

    public Bottlenecks bottlenecks(Duration window, int limit) {
        Instant to = clock.instant();
        Instant from = to.minus(window);
        List<ActivityRun> runs = new ArrayList<>();
        boolean sampled = false;
        for (String type : TIMED_ACTIVITY_TYPES) {
            List<ActivityRun> ofType = history.finishedActivities(type, from, settings.maxRows());
            sampled |= ofType.size() >= settings.maxRows();
            runs.addAll(ofType);
        }
        return new Bottlenecks(from, to, sampled, Aggregations.bottlenecks(runs, limit));
    }

    /** Every registered model; a model's report is reused for {@code model-report-ttl} (it replays the champion). */
    public Models models() {
        List<ModelView> out = new ArrayList<>();
        for (String name : registry.names()) {
            out.add(model(name));
        }
        return new Models(out);
    }

    ModelView model(String name) {
        Instant now = clock.instant();
        CachedReport cached = reports.get(name);
        if (cached != null && cached.at().plus(settings.modelReportTtl()).isAfter(now)) {
            return cached.view();
        }
        ModelView view;
        try {
            view = view(monitoring.report(name), now);
        } catch (RuntimeException e) {
            // a model without a champion (or being replaced) must not take the dashboard down
            log.warn("Monitoring report for model '{}' failed: {}", name, e.toString());
            view = new ModelView(name, null, 0, 0, null, null, 0, Aggregations.DRIFT_INSUFFICIENT, 0, 0, null,
                    List.of(), now, e.getMessage());
        }
        reports.put(name, new CachedReport(view, now));
        return view;
    }

    ModelView view(ModelMonitoring.Report report, Instant at) {
        List<VersionView> versions = report.versions().stream().map(v -> new VersionView(v.version(), v.reviewed(),
                v.overridden(), v.overrideRate(), v.accuracyOnReviewed())).toList();
        long reviewed = versions.stream().mapToLong(VersionView::reviewed).sum();
        long overridden = versions.stream().mapToLong(VersionView::overridden).sum();
        return new ModelView(report.model(), report.championVersion(), report.threshold().threshold(),
                report.targetPrecision(), report.derivedThreshold() == null ? null
                : report.derivedThreshold().threshold(), report.confidencePsi(), report.recentItems(),
                Aggregations.drift(report.confidencePsi(), report.recentItems(), settings), reviewed, overridden,
                reviewed == 0 ? null : Math.round(10_000.0 * overridden / reviewed) / 10_000.0, versions, at, null);
    }
}
