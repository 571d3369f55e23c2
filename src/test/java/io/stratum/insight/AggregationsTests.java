package io.stratum.insight;

import io.stratum.insight.Aggregations.Bottleneck;
import io.stratum.insight.Aggregations.BreachGroup;
import io.stratum.insight.Aggregations.Percentiles;
import io.stratum.insight.Aggregations.TaskGroup;
import io.stratum.orchestration.metrics.ProcessHistory.ActivityRun;
import io.stratum.orchestration.metrics.ProcessHistory.OpenIncident;
import io.stratum.orchestration.metrics.ProcessHistory.OpenTask;
import io.stratum.orchestration.metrics.ProcessHistory.TimerFired;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's arithmetic on hand-made history records. */
class AggregationsTests {

    static final InsightSettings SETTINGS = new InsightSettings(Duration.ofSeconds(30), Duration.ofHours(24),
            Duration.ofDays(90), 5000, 500, Duration.ofMinutes(5), 0.1, 0.25, 30);

    @Test
    void percentilesUseTheNearestRankInSeconds() {
        // 1..100 seconds: p50 = 50 s, p90 = 90 s, p99 = 99 s
        List<Long> millis = new ArrayList<>(LongStream.rangeClosed(1, 100).map(s -> s * 1000).boxed().toList());
        java.util.Collections.shuffle(millis, new java.util.Random(7));
        Percentiles p = Aggregations.ofMillis(millis);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50.0);
        assertThat(p.p90()).isEqualTo(90.0);
        assertThat(p.p99()).isEqualTo(99.0);
        assertThat(p.mean()).isEqualTo(50.5);
        assertThat(p.max()).isEqualTo(100.0);

        // one long-running instance dominates the tail, not the median
        Percentiles skewed = Aggregations.ofMillis(List.of(1000L, 1000L, 2000L, 3_600_000L));
        assertThat(skewed.p50()).isEqualTo(1.0);
        assertThat(skewed.p90()).isEqualTo(3600.0);

        Percentiles single = Aggregations.ofMillis(List.of(1500L));
        assertThat(single.p50()).isEqualTo(1.5);
        assertThat(single.p99()).isEqualTo(1.5);

        Percentiles none = Aggregations.ofMillis(List.of());
        assertThat(none.count()).isZero();
        assertThat(none.p50()).isNull();
        assertThat(none.mean()).isNull();
    }

    @Test
    void bucketsAreAlignedAndCoverTheWindow() {
        assertThat(Aggregations.bucketSize(Duration.ofHours(6))).isEqualTo(Duration.ofMinutes(15));
        assertThat(Aggregations.bucketSize(Duration.ofHours(24))).isEqualTo(Duration.ofHours(1));
        assertThat(Aggregations.bucketSize(Duration.ofDays(7))).isEqualTo(Duration.ofHours(6));
        assertThat(Aggregations.bucketSize(Duration.ofDays(30))).isEqualTo(Duration.ofDays(1));
        assertThat(Aggregations.bucketSize(Duration.ofDays(90))).isEqualTo(Duration.ofDays(7));

        Instant now = Instant.parse("2026-11-26T10:37:12Z");
        List<Instant> starts = Aggregations.bucketStarts(now, Duration.ofHours(24), Duration.ofHours(1));
        assertThat(starts).hasSize(24);
        assertThat(starts.get(23)).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(starts.get(0)).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
        // a refresh later in the same hour shows the same buckets
        assertThat(Aggregations.bucketStarts(now.plusSeconds(600), Duration.ofHours(24), Duration.ofHours(1)))
                .isEqualTo(starts);
        // a window that is no multiple of the bucket gets one partial bucket more
        assertThat(Aggregations.bucketStarts(now, Duration.ofMinutes(90), Duration.ofMinutes(15))).hasSize(6);
        assertThat(Aggregations.bucketStarts(now, Duration.ofMinutes(100), Duration.ofMinutes(15))).hasSize(7);
    }

    @Test
    void bottlenecksRankActivitiesByTotalTime() {
        List<ActivityRun> runs = new ArrayList<>();
        // review: few, long; classify: many, short; ticket: many, shorter still
        for (int i = 0; i < 3; i++) {
            runs.add(new ActivityRun("triage", "Review", "Review triage", "userTask", 3_600_000L * (i + 1)));
        }
        for (int i = 0; i < 100; i++) {
            runs.add(new ActivityRun("triage", "Classify", "Classify", "serviceTask", 200L));
            runs.add(new ActivityRun("triage", "Ticket", "Create ticket", "serviceTask", 50L));
        }
        runs.add(new ActivityRun("other", "Review", "Review elsewhere", "userTask", 10L));

        List<Bottleneck> top = Aggregations.bottlenecks(runs, 3);
        assertThat(top).extracting(Bottleneck::activityName)
                .containsExactly("Review triage", "Classify", "Create ticket");
        Bottleneck review = top.get(0);
        assertThat(review.count()).isEqualTo(3);
        assertThat(review.totalSeconds()).isEqualTo(6 * 3600.0);
        assertThat(review.duration().p50()).isEqualTo(7200.0);
        assertThat(review.duration().max()).isEqualTo(10800.0);
        assertThat(top.get(1).totalSeconds()).isEqualTo(20.0);
        // the same activity id in another process is another activity
        assertThat(Aggregations.bottlenecks(runs, 10)).hasSize(4);
    }

    @Test
    void openTasksAreGroupedWithOverdueAndOldest() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        List<OpenTask> tasks = List.of(
                new OpenTask("triage", "Review", "Review triage", now.minusSeconds(7200), now.minusSeconds(60)),
                new OpenTask("triage", "Review", "Review triage", now.minusSeconds(600), now.plusSeconds(600)),
                new OpenTask("triage", "Review", "Review triage", now.minusSeconds(60), null),
                new OpenTask("retraining", "Approve", "Approve model promotion", now.minusSeconds(30), null));
        List<TaskGroup> groups = Aggregations.openTasks(tasks, now);
        assertThat(groups).hasSize(2);
        TaskGroup review = groups.get(0);
        assertThat(review.taskName()).isEqualTo("Review triage");
        assertThat(review.open()).isEqualTo(3);
        assertThat(review.overdue()).isEqualTo(1);
        assertThat(review.oldestSeconds()).isEqualTo(7200);
        assertThat(groups.get(1).open()).isEqualTo(1);
        assertThat(groups.get(1).overdue()).isZero();
    }

    @Test
    void breachesAndIncidentsAreCountedPerTimerAndProcess() {
        Instant t = Instant.parse("2026-11-26T12:00:00Z");
        List<BreachGroup> breaches = Aggregations.breaches(List.of(
                new TimerFired("triage", "Sla", "Review SLA breached", t),
                new TimerFired("triage", "Sla", "Review SLA breached", t.plusSeconds(5)),
                new TimerFired("invoice", "Due", "Payment due", t)));
        assertThat(breaches).extracting(BreachGroup::activityId).containsExactly("Sla", "Due");
        assertThat(breaches.get(0).count()).isEqualTo(2);
        assertThat(breaches.get(0).last()).isEqualTo(t.plusSeconds(5));

        assertThat(Aggregations.incidentsPerProcess(List.of(new OpenIncident("triage", "A", "failedJob"),
                new OpenIncident("triage", "B", "failedJob"), new OpenIncident(null, "C", "failedJob"))))
                .isEqualTo(Map.of("triage", 2L, "unknown", 1L));
    }

    @Test
    void driftIsFlaggedByPsiOnlyWithEnoughItems() {
        assertThat(Aggregations.drift(null, 500, SETTINGS)).isEqualTo(Aggregations.DRIFT_INSUFFICIENT);
        assertThat(Aggregations.drift(0.9, 29, SETTINGS)).isEqualTo(Aggregations.DRIFT_INSUFFICIENT);
        assertThat(Aggregations.drift(0.05, 30, SETTINGS)).isEqualTo(Aggregations.DRIFT_STABLE);
        assertThat(Aggregations.drift(0.1, 30, SETTINGS)).isEqualTo(Aggregations.DRIFT_WATCH);
        assertThat(Aggregations.drift(0.24, 100, SETTINGS)).isEqualTo(Aggregations.DRIFT_WATCH);
        assertThat(Aggregations.drift(0.25, 100, SETTINGS)).isEqualTo(Aggregations.DRIFT_ALERT);
    }
}
