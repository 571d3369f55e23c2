package io.stratum.action.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.scale.EmbeddedPostgresSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two jobs creating one record at once on PostgreSQL (V17 runs there too): the loser's duplicate key rolls back to a
 * savepoint, so it updates the winner's row in the same (the engine's) transaction and commits.
 */
class RecordStorePostgresTests {

    @Test
    void theLoserOfACreateRaceUpdatesTheWinnersRecordAndItsTransactionStillCommits() throws Exception {
        DataSource ds = EmbeddedPostgresSupport.freshDatabase(EmbeddedPostgresSupport.shared(), "record_race");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        ObjectMapper json = new ObjectMapper();
        RecordStore store = new RecordStore(JdbcClient.create(ds), transactions, json);
        JdbcClient jdbc = JdbcClient.create(ds);

        try (Connection winner = ds.getConnection()) {
            winner.setAutoCommit(false);
            try (PreparedStatement insert = winner.prepareStatement("INSERT INTO generic_record VALUES "
                    + "('asset-risk', 'M-1', '{\"risk\":\"low\"}', 1, ?, ?)")) {
                insert.setTimestamp(1, Timestamp.from(Instant.now()));
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            // The loser reads first (nothing committed yet), then blocks on the primary key.
            CompletableFuture<StoredRecord> loser = CompletableFuture.supplyAsync(() ->
                    new TransactionTemplate(transactions).execute(tx -> {
                        StoredRecord record = store.upsert("asset-risk", "M-1",
                                (ObjectNode) json.createObjectNode().put("risk", "high"), null);
                        // Still usable after the duplicate key: more work in the same transaction.
                        jdbc.sql("SELECT count(*) FROM generic_record").query(Long.class).single();
                        return record;
                    }));
            await().atMost(30, TimeUnit.SECONDS).until(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO generic_record%'")
                    .query(Long.class).single() == 1);
            winner.commit();

            StoredRecord record = loser.get(30, TimeUnit.SECONDS);
            assertThat(record.version()).isEqualTo(2);
            assertThat(record.data().path("risk").asText()).isEqualTo("high");
        }
        assertThat(jdbc.sql("SELECT version FROM generic_record WHERE record_key = 'M-1'").query(Long.class).single())
                .isEqualTo(2);
    }
}
