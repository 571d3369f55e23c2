package io.stratum.action.payment;

import io.stratum.scale.EmbeddedPostgresSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once on real PostgreSQL: "nodes" (threads with their own transaction managers, as separate JVMs would
 * have) scheduling and executing the same payment at the same moment produce one plan, one ledger entry, one message.
 */
class PostgresPaymentsTests {

    static DataSource ds;
    @TempDir
    static Path data;

    @BeforeAll
    static void migrate() {
        ds = EmbeddedPostgresSupport.freshDatabase(EmbeddedPostgresSupport.shared(),
                "payments_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    static JdbcPayments node() {
        return node(Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC),
                data.resolve("payments/outbox"));
    }

    static JdbcPayments node(Clock clock, Path outbox) {
        PaymentSettings settings = new PaymentSettings("Stratum Demo GmbH", "DE89370400440532013000", "COBADEFFXXX",
                30, new BigDecimal("0.08"), "1600 Accounts payable", "1200 Bank", outbox);
        return new JdbcPayments(JdbcClient.create(ds), new DataSourceTransactionManager(ds), settings, clock);
    }

    static PaymentInstruction instruction(String invoiceKey) {
        return new PaymentInstruction(invoiceKey, "Lieferant GmbH", "DE02 1203 0000 0000 2020 51",
                new BigDecimal("197.65"), "EUR", "Invoice 471102", LocalDate.of(2026, 11, 20), null,
                new BigDecimal("2"), 10, "billing@lieferant.example");
    }

    @Test
    void concurrentExecutionsPayOnce() throws Exception {
        ScheduledPayment planned = node().schedule(instruction("doc-concurrent"));
        assertThat(planned.status()).isEqualTo("SCHEDULED");
        // Discount date 2026-11-30 is ahead of 2026-11-26 and 2 % for 20 days beats 8 %: taken.
        assertThat(planned.executionDate()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(planned.amount()).isEqualByComparingTo("193.70");
        assertThat(planned.discount()).isEqualByComparingTo("3.95");

        List<ExecutedPayment> results = race(2, () -> node().execute(planned.paymentId()));
        assertThat(results).filteredOn(r -> !r.alreadyExecuted()).hasSize(1);
        assertThat(results).filteredOn(ExecutedPayment::alreadyExecuted).hasSize(1);
        assertThat(results).extracting(ExecutedPayment::messageId).containsOnly(results.get(0).messageId());
        assertThat(results).extracting(ExecutedPayment::ledgerEntryId).containsOnly(results.get(0).ledgerEntryId());
        assertThat(results.get(0).endToEndId()).isEqualTo("Invoice 471102");

        JdbcClient jdbc = JdbcClient.create(ds);
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entry WHERE payment_id = ?").param(planned.paymentId())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT debit_account || ' / ' || credit_account || ' ' || amount FROM ledger_entry"
                        + " WHERE payment_id = ?").param(planned.paymentId()).query(String.class).single())
                .isEqualTo("1600 Accounts payable / 1200 Bank 193.70");
        Path outbox = data.resolve("payments/outbox");
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> messages = files.filter(p -> p.toString().endsWith(".xml")).toList();
            assertThat(messages).singleElement()
                    .satisfies(p -> assertThat(p.getFileName().toString())
                            .isEqualTo(results.get(0).messageId() + ".xml"));
            String xml = Files.readString(messages.get(0));
            Pain001.validate(xml);
            assertThat(xml).contains("<InstdAmt Ccy=\"EUR\">193.70</InstdAmt>", "<Dt>2026-11-30</Dt>");
        }

        // A later retry (the job ran again after a crash) and a lost file: the same answer, the file comes back.
        Files.delete(outbox.resolve(results.get(0).messageId() + ".xml"));
        ExecutedPayment again = node().execute(planned.paymentId());
        assertThat(again.alreadyExecuted()).isTrue();
        assertThat(again.ledgerEntryId()).isEqualTo(results.get(0).ledgerEntryId());
        assertThat(outbox.resolve(again.messageId() + ".xml")).exists();
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entry WHERE payment_id = ?").param(planned.paymentId())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCallerThatRollsBackAfterThePaymentLeavesOneBookingAndOneMessage() throws Exception {
        Path outbox = data.resolve("payments/rollback-outbox");
        ScheduledPayment planned = node().schedule(instruction("doc-rollback"));
        // The ExecutePayment job: the payment runs inside the job's transaction, then that transaction does not
        // commit (the node dies first, or a concurrent change to the process instance)
        TransactionTemplate job = new TransactionTemplate(new DataSourceTransactionManager(ds));
        ExecutedPayment first = job.execute(status -> {
            ExecutedPayment p = node(Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC), outbox)
                    .execute(planned.paymentId());
            status.setRollbackOnly();
            return p;
        });
        // The job's retry ten minutes later
        ExecutedPayment retry = node(Clock.fixed(Instant.parse("2026-11-26T09:10:00Z"), ZoneOffset.UTC), outbox)
                .execute(planned.paymentId());

        // Then the first booking stands: the retry finds it, and the bank gets one message, not two
        assertThat(retry.alreadyExecuted()).isTrue();
        assertThat(retry.messageId()).isEqualTo(first.messageId());
        assertThat(JdbcClient.create(ds).sql("SELECT count(*) FROM ledger_entry WHERE payment_id = ?")
                .param(planned.paymentId()).query(Integer.class).single()).isEqualTo(1);
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".xml")))
                    .containsExactly(first.messageId() + ".xml");
        }
    }

    @Test
    void concurrentSchedulesPlanOnce() throws Exception {
        List<ScheduledPayment> plans = race(4, () -> node().schedule(instruction("doc-schedule")));
        assertThat(plans).extracting(ScheduledPayment::paymentId).containsOnly(plans.get(0).paymentId());
        // Asked again later with other numbers: the first plan stands.
        PaymentInstruction changed = new PaymentInstruction("doc-schedule", "Other", "DE02120300000000202051",
                new BigDecimal("1.00"), "EUR", null, null, null, null, 0, null);
        assertThat(node().schedule(changed)).isEqualTo(plans.get(0));
        assertThat(JdbcClient.create(ds).sql("SELECT count(*) FROM payment WHERE invoice_key = 'doc-schedule'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    private static <T> List<T> race(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return work.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
