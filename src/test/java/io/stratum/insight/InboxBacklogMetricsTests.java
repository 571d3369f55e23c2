package io.stratum.insight;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class InboxBacklogMetricsTests {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JdbcClient jdbc;

    @BeforeEach
    void database() {
        jdbc = JdbcClient.create(new DriverManagerDataSource(
                "jdbc:h2:mem:backlog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        // the columns the gauge reads, as in V1__ingestion.sql
        jdbc.sql("CREATE TABLE inquiry (id VARCHAR(36) PRIMARY KEY, status VARCHAR(40) NOT NULL)").update();
    }

    void inquiries(String status, int n) {
        for (int i = 0; i < n; i++) {
            jdbc.sql("INSERT INTO inquiry (id, status) VALUES (?, ?)").params(UUID.randomUUID().toString(), status)
                    .update();
        }
    }

    double gauge(String status) {
        return registry.get("stratum.inbox.backlog").tag("status", status).gauge().value();
    }

    @Test
    void countsInquiriesThatAreNotDonePerStatus() {
        inquiries("REVIEW", 3);
        inquiries("STARTED", 1);
        inquiries("DONE", 5);
        inquiries("WAITING_FOR_PARTS", 2); // a status some later process reports

        new InboxBacklogMetrics(jdbc, registry);

        assertThat(gauge("REVIEW")).isEqualTo(3);
        assertThat(gauge("STARTED")).isEqualTo(1);
        assertThat(gauge("FAILED")).isZero();
        assertThat(registry.find("stratum.inbox.backlog").tag("status", "DONE").gauge()).isNull();
        // an unknown status gets its own gauge once it has been seen
        assertThat(gauge("WAITING_FOR_PARTS")).isEqualTo(2);
    }

    @Test
    void readsTheDatabaseOncePerCachePeriod() {
        AtomicLong nanos = new AtomicLong();
        inquiries("REVIEW", 1);
        new InboxBacklogMetrics(jdbc, registry, nanos::get);
        assertThat(gauge("REVIEW")).isEqualTo(1);

        inquiries("REVIEW", 4);
        nanos.addAndGet(InboxBacklogMetrics.CACHE.toNanos() - 1);
        assertThat(gauge("REVIEW")).as("within the cache period: the same read").isEqualTo(1);
        nanos.addAndGet(1);
        assertThat(gauge("REVIEW")).as("after it: read again").isEqualTo(5);
    }
}
