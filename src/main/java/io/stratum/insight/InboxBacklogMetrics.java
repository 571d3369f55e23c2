package io.stratum.insight;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@code stratum_inbox_backlog{status}}: inquiries not yet done, per status (RECEIVED, STARTING, STARTED, FAILED,
 * CLASSIFIED, REVIEW, TICKETED, and any status orchestration reports later). One GROUP BY per refresh, reused for
 * a few seconds so that a scrape reading every gauge asks the database once.
 */
@Component
public class InboxBacklogMetrics {

    static final String FINAL_STATUS = "DONE";
    static final List<String> KNOWN_STATUSES =
            List.of("RECEIVED", "STARTING", "STARTED", "FAILED", "CLASSIFIED", "REVIEW", "TICKETED");
    static final Duration CACHE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> counts = Map.of();
    private volatile long readAt = Long.MIN_VALUE;

    @Autowired
    public InboxBacklogMetrics(JdbcClient jdbc, MeterRegistry registry) {
        this(jdbc, registry, System::nanoTime);
    }

    InboxBacklogMetrics(JdbcClient jdbc, MeterRegistry registry, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.nanoTime = nanoTime;
        KNOWN_STATUSES.forEach(this::register);
    }

    private void register(String status) {
        if (registered.add(status)) {
            Gauge.builder("stratum.inbox.backlog", () -> count(status))
                    .description("Inquiries not yet done, by status")
                    .tag("status", status).register(registry);
        }
    }

    long count(String status) {
        return counts().getOrDefault(status, 0L);
    }

    synchronized Map<String, Long> counts() {
        long now = nanoTime.getAsLong();
        if (readAt == Long.MIN_VALUE || now - readAt >= CACHE.toNanos()) {
            Map<String, Long> fresh = new HashMap<>();
            jdbc.sql("SELECT status, COUNT(*) AS n FROM inquiry WHERE status <> :done GROUP BY status")
                    .param("done", FINAL_STATUS)
                    .query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                    .list().forEach(e -> fresh.put(e.getKey(), e.getValue()));
            counts = Map.copyOf(fresh);
            readAt = now;
            fresh.keySet().forEach(this::register);
        }
        return counts;
    }
}
