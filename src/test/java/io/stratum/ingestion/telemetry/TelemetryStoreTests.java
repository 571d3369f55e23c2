package io.stratum.ingestion.telemetry;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The time series on the real schema (Flyway on in-memory H2): batch store with ids in order, retention per asset. */
class TelemetryStoreTests {

    JdbcClient jdbc;
    TelemetryStore store;

    @BeforeEach
    void freshSchema() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        store = new TelemetryStore(jdbc, new JdbcTemplate(ds), new DataSourceTransactionManager(ds));
    }

    @Test
    void storesInOrderAndPurgesEveryAssetsOldReadings() {
        for (String id : List.of("A-1", "A-2")) {
            jdbc.sql("""
                    INSERT INTO asset (id, name, asset_type, product_type, lat, lon, criticality, required_skill,
                                       created_at)
                    VALUES (?, 'x', 'mill', 'L', 0, 0, 'LOW', 'spindle', CURRENT_TIMESTAMP)""").param(id).update();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant old = now.minus(Duration.ofDays(40));
        String raw = store.storeRaw("mqtt", "t", "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Reading> readings = List.of(new Reading("A-1", old, 300, 310, 1500, 40, 5),
                new Reading("A-2", old, 300, 310, 1500, 40, 5), new Reading("A-1", now, 300, 310, 1500, 41, 5));
        ReadingScores s = new ReadingScores(0.1, null, 1.0);
        List<Long> ids = store.store(raw, readings, List.of(s, s, s), List.of());
        assertThat(ids).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(store.recent("A-1", 10)).extracting(TelemetryStore.StoredReading::id)
                .containsExactly(ids.get(2), ids.get(0));

        int deleted = store.purge(now.minus(Duration.ofDays(30)));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.recent("A-1", 10)).extracting(TelemetryStore.StoredReading::id).containsExactly(ids.get(2));
        assertThat(store.recent("A-2", 10)).isEmpty();

        // 70 readings go in as several multi-row statements; each id belongs to its own reading.
        List<Reading> many = new java.util.ArrayList<>();
        List<ReadingScores> manyScores = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(new Reading("A-2", now.minusSeconds(100 - i), 300, 310, 1500, i, 5,
                    i == 69 ? new double[] {1.5, 2} : null));
            manyScores.add(new ReadingScores(i / 100.0, i % 2 == 0 ? "OSF" : null, i));
        }
        List<Long> manyIds = store.store(raw, many, manyScores, List.of());
        assertThat(manyIds).hasSize(70).isSorted().doesNotHaveDuplicates();
        List<TelemetryStore.StoredReading> stored = store.recent("A-2", 100);
        assertThat(stored).hasSize(70);
        for (TelemetryStore.StoredReading r : stored) {
            int i = (int) r.reading().torque();
            assertThat(r.id()).isEqualTo(manyIds.get(i));
            assertThat(r.anomalyScore()).isEqualTo(i);
            assertThat(r.failureMode()).isEqualTo(i % 2 == 0 ? "OSF" : null);
        }
        assertThat(stored.get(0).reading().sensors()).containsExactly(1.5, 2);
    }

    @Test
    void aMessageWithNulBytesIsKeptAsBase64() {
        byte[] raw = "{\"assetId\":\"M-1\u0000\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        String id = store.storeRaw("http", null, raw);

        java.util.Map<String, Object> row = jdbc.sql("SELECT payload, payload_encoding FROM telemetry_raw WHERE id = ?")
                .param(id).query().singleRow();
        assertThat(row.get("PAYLOAD_ENCODING")).isEqualTo("BASE64");
        assertThat(java.util.Base64.getDecoder().decode((String) row.get("PAYLOAD"))).isEqualTo(raw);
        String plain = store.storeRaw("http", null, "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(jdbc.sql("SELECT payload, payload_encoding FROM telemetry_raw WHERE id = ?").param(plain).query()
                .singleRow()).containsEntry("PAYLOAD", "[]").containsEntry("PAYLOAD_ENCODING", null);
    }
}
