package io.stratum.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Load shedding for the intake: a new inquiry or document is taken only while the job executor is fewer than
 * {@code stratum.ingestion.backlog.limit} jobs behind (jobs due and not yet done, cluster-wide). Above it a request
 * waits up to {@code max-wait} for room and is then refused ({@link IntakeBusyException}: 503 with Retry-After),
 * before anything of it is stored, so the client knows to send it again; the IMAP poller leaves further mails unseen on
 * the mail server and the folder watcher leaves files in the folder until a later poll ({@link #hasRoom}). Without
 * this, clients that are faster than the job executor pile up due jobs without bound: answers stay quick while triage
 * falls minutes behind, and every instance costs more (larger runtime tables; measured with the acknowledgement stores off: 30 ms of CPU per triage
 * instead of 22). The count is one query, shared by all requests for {@link #REFRESH}. Metrics:
 * {@code stratum_intake_backlog} (the count) and {@code stratum_intake_refused_total{channel}} (requests refused, polls
 * that left mails or files behind).
 */
@Component
public class IntakeBacklog {

    static final Duration REFRESH = Duration.ofMillis(100);
    /** The ways work comes in that are gated; a metric series each from the start. */
    public static final String INQUIRY_API = "inquiry-api";
    public static final String INVOICE_UPLOAD = "invoice-upload";
    public static final String IMAP = "imap";
    public static final String FOLDER = "folder";
    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

    private final LongSupplier dueJobs;
    private final int limit;
    private final long maxWaitNanos;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile long counted;
    private volatile long countedAt;
    private volatile boolean everCounted;
    private final Map<String, Counter> refused;

    @Autowired
    IntakeBacklog(WorkflowBacklog workflow, IngestionSettings settings, MeterRegistry registry) {
        this(workflow::dueJobs, settings.backlog().limit(), settings.backlog().maxWait(), registry);
    }

    IntakeBacklog(LongSupplier dueJobs, int limit, Duration maxWait) {
        this(dueJobs, limit, maxWait, new SimpleMeterRegistry());
    }

    IntakeBacklog(LongSupplier dueJobs, int limit, Duration maxWait, MeterRegistry registry) {
        this.dueJobs = dueJobs;
        this.limit = limit;
        this.maxWaitNanos = maxWait.toNanos();
        Gauge.builder("stratum.intake.backlog", this, IntakeBacklog::backlog)
                .description("Jobs due and not yet done, cluster-wide: what the intake's load shedding compares with "
                        + "its limit").register(registry);
        this.refused = Map.copyOf(List.of(INQUIRY_API, INVOICE_UPLOAD, IMAP, FOLDER).stream().collect(
                Collectors.toMap(c -> c, c -> Counter.builder("stratum.intake.refused")
                        .description("Work turned away because the engine was too far behind: requests answered 503, "
                                + "polls that left mails or files for later")
                        .tag("channel", c).register(registry))));
    }

    /**
     * Returns at once while the backlog is under the limit (or the limit is 0: off); otherwise waits for room.
     *
     * @throws IntakeBusyException when the backlog is still at or above the limit after {@code max-wait}
     */
    public void awaitRoom(String channel) {
        if (limit <= 0) {
            return;
        }
        long start = System.nanoTime();
        long backlog;
        while ((backlog = backlog()) >= limit) {
            long waited = System.nanoTime() - start;
            if (waited >= maxWaitNanos || Thread.currentThread().isInterrupted()) {
                counter(channel).increment();
                throw new IntakeBusyException(backlog, limit, Duration.ofNanos(waited));
            }
            LockSupport.parkNanos(Math.min(POLL_NANOS, maxWaitNanos - waited));
        }
    }

    /**
     * True while new work may be taken now (never waits): for channels that can leave it where it is. A false answer
     * counts as one refusal: ask once per poll, and leave the rest of that poll's work for later.
     */
    public boolean hasRoom(String channel) {
        if (limit <= 0 || backlog() < limit) {
            return true;
        }
        counter(channel).increment();
        return false;
    }

    private Counter counter(String channel) {
        Counter c = refused.get(channel);
        if (c == null) {
            throw new IllegalArgumentException("unknown intake channel " + channel);
        }
        return c;
    }

    /** Jobs due and not yet done, at most {@link #REFRESH} old; one caller counts, the others use the last count. */
    long backlog() {
        if (!everCounted || System.nanoTime() - countedAt > REFRESH.toNanos()) {
            if (refreshing.tryLock()) {
                try {
                    if (!everCounted || System.nanoTime() - countedAt > REFRESH.toNanos()) {
                        counted = dueJobs.getAsLong();
                        countedAt = System.nanoTime();
                        everCounted = true;
                    }
                } finally {
                    refreshing.unlock();
                }
            } else if (!everCounted) {
                refreshing.lock(); // the very first count is under way: wait for it
                refreshing.unlock();
            }
        }
        return counted;
    }
}
