package io.stratum.action.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generic record store against the real schema (Flyway migrations on in-memory H2). */
class RecordStoreTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static RecordStore store;
    static JdbcClient jdbc;
    static DataSourceTransactionManager transactions;

    /** One database for the class (migrating costs seconds); each test uses its own keys. */
    @BeforeAll
    static void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:records-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        transactions = new DataSourceTransactionManager(ds);
        store = new RecordStore(jdbc, transactions, JSON,
                Clock.fixed(Instant.parse("2026-11-26T05:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void sameKeyUpdatesAndSameDataChangesNothing() {
        StoredRecord created = store.upsert("asset-risk", "A-1", data("{\"risk\":\"high\",\"p\":0.9}"), null);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-26T05:00:00Z"));

        StoredRecord again = store.upsert("asset-risk", "A-1", data("{\"p\":0.9,\"risk\":\"high\"}"), null);
        assertThat(again.version()).as("a retry, field order aside, is no change").isEqualTo(1);

        StoredRecord updated = store.upsert("asset-risk", "A-1", data("{\"risk\":\"low\"}"), null);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.data().path("risk").asText()).isEqualTo("low");
        assertThat(updated.data().has("p")).as("data is replaced, not merged").isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM generic_record WHERE record_type = 'asset-risk'").query(Long.class).single()).isEqualTo(1);

        // the same key under another type is another record
        assertThat(store.upsert("customer-note", "A-1", data("{}"), null).version()).isEqualTo(1);
        assertThat(store.find("asset-risk", "A-1")).get().extracting(StoredRecord::version).isEqualTo(2L);
        assertThat(store.find("asset-risk", "A-2")).isEmpty();
    }

    @Test
    void anExpectedVersionIsAnOptimisticLock() {
        store.upsert("order", "O-1", data("{\"n\":1}"), 0L);
        assertThatThrownBy(() -> store.upsert("order", "O-1", data("{\"n\":2}"), 0L))
                .isInstanceOf(RecordConflictException.class).hasMessageContaining("version 1");
        assertThat(store.upsert("order", "O-1", data("{\"n\":2}"), 1L).version()).isEqualTo(2);
        assertThatThrownBy(() -> store.upsert("order", "O-1", data("{\"n\":3}"), 1L))
                .isInstanceOf(RecordConflictException.class).hasMessageContaining("expected 1");
        assertThatThrownBy(() -> store.upsert("order", "O-9", data("{}"), 4L))
                .isInstanceOf(RecordConflictException.class).hasMessageContaining("does not exist");
        assertThat(store.find("order", "O-1").orElseThrow().data().path("n").asInt()).isEqualTo(2);
    }

    @Test
    void aConcurrentChangeBetweenReadAndWriteIsNotLost() {
        store.upsert("order", "O-2", data("{\"n\":1}"), null);
        // another node bumps the row after our read: the compare-and-set fails, the store re-reads and writes
        RecordStore racing = new RecordStore(jdbc, transactions, JSON) {
            boolean raced;

            @Override
            public java.util.Optional<StoredRecord> find(String type, String key) {
                java.util.Optional<StoredRecord> read = super.find(type, key);
                if (!raced && read.isPresent()) {
                    raced = true;
                    jdbc.sql("UPDATE generic_record SET version = version + 1, data = '{\"n\":9}' "
                            + "WHERE record_key = 'O-2'").update();
                }
                return read;
            }
        };
        StoredRecord written = racing.upsert("order", "O-2", data("{\"n\":2}"), null);
        assertThat(written.version()).isEqualTo(3);
        assertThat(written.data().path("n").asInt()).isEqualTo(2);
    }

    @Test
    void aConcurrentCreateIsDecidedAgainstTheWinnersRow() {
        // another node creates the record between our read and our insert: the insert loses, we update theirs
        RecordStore racing = new RecordStore(jdbc, transactions, JSON) {
            boolean raced;

            @Override
            public java.util.Optional<StoredRecord> find(String type, String key) {
                if (!raced) {
                    raced = true;
                    jdbc.sql("INSERT INTO generic_record VALUES ('order', 'O-3', '{\"n\":1}', 1, CURRENT_TIMESTAMP, "
                            + "CURRENT_TIMESTAMP)").update();
                    return java.util.Optional.empty();
                }
                return super.find(type, key);
            }
        };
        StoredRecord written = racing.upsert("order", "O-3", data("{\"n\":2}"), null);
        assertThat(written.version()).isEqualTo(2);
        assertThat(written.data().path("n").asInt()).isEqualTo(2);
    }

    @Test
    void badTypesAndKeysAreRefusedByName() {
        assertThatThrownBy(() -> store.upsert("", "k", data("{}"), null)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("type");
        assertThatThrownBy(() -> store.upsert("t", "a/b", data("{}"), null))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("key 'a/b'");
        assertThatThrownBy(() -> store.upsert("t", "k".repeat(201), data("{}"), null))
                .isInstanceOf(InvalidRecordException.class);
    }

    static ObjectNode data(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
