package io.stratum.action;

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
 * Two jobs opening the ticket of one inquiry at once on PostgreSQL: the loser's duplicate-key error must not abort
 * its (the engine's) transaction, so it reads and returns the winner's ticket and commits.
 */
class TicketStorePostgresTests {

    @Test
    void theLoserOfAnInsertRaceReturnsTheWinnersTicketAndItsTransactionStillCommits() throws Exception {
        DataSource ds = EmbeddedPostgresSupport.freshDatabase(EmbeddedPostgresSupport.shared(), "ticket_race");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        TicketStore store = new TicketStore(JdbcClient.create(ds), transactions);
        JdbcClient jdbc = JdbcClient.create(ds);

        try (Connection winner = ds.getConnection()) {
            winner.setAutoCommit(false);
            try (PreparedStatement insert = winner.prepareStatement("INSERT INTO ticket (id, inquiry_id, status, "
                    + "created_at) VALUES ('T-900001', 'inquiry-1', 'OPEN', ?)")) {
                insert.setTimestamp(1, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            // The loser looks first (sees nothing, the winner has not committed), then blocks on the unique index.
            CompletableFuture<Ticket> loser = CompletableFuture.supplyAsync(() ->
                    new TransactionTemplate(transactions).execute(tx -> {
                        Ticket ticket = store.open(new Tickets.TicketRequest("inquiry-1", "Refund", "billing",
                                "high", "P2", "billing-team", null, "reply", "model"));
                        // Still usable after the duplicate key: more work in the same transaction.
                        jdbc.sql("SELECT count(*) FROM ticket").query(Long.class).single();
                        return ticket;
                    }));
            await().atMost(30, TimeUnit.SECONDS).until(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO ticket%'").query(Long.class)
                    .single() == 1);
            winner.commit();

            Ticket ticket = loser.get(30, TimeUnit.SECONDS);
            assertThat(ticket.id()).isEqualTo("T-900001");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE inquiry_id = 'inquiry-1'").query(Long.class).single())
                .isEqualTo(1);
    }
}
