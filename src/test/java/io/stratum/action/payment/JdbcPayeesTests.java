package io.stratum.action.payment;

import io.stratum.action.payment.Payees.PayeeCheck;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The bank-details trust query against the real schema (Flyway on in-memory H2), with real scheduled payments. */
class JdbcPayeesTests {

    static final String OLD = "DE02120300000000202051";
    static final String NEW = "DE89370400440532013000";

    @TempDir
    Path data;
    JdbcClient jdbc;
    JdbcPayments payments;
    JdbcPayees payees;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:payees-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        PaymentSettings settings = new PaymentSettings("Stratum Demo GmbH", "DE75512108001245126199", "COBADEFFXXX",
                30, new BigDecimal("0.08"), "1600 Accounts payable", "1200 Bank", data.resolve("outbox"));
        payments = new JdbcPayments(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)), settings,
                Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC));
        payees = new JdbcPayees(jdbc);
    }

    @Test
    void anIbanPaidToTheSellerBeforeIsTrusted() {
        pay("doc-1", "ACME GmbH", "DE02 1203 0000 0000 2020 51", true);

        // Same seller spelt differently, IBAN with spaces and lower case: trusted, no warning
        PayeeCheck check = payees.check("Acme-GmbH.", "de02 1203 0000 0000 2020 51");
        assertThat(check.trusted()).isTrue();
        assertThat(check.lastPaidIban()).isEqualTo(OLD);
        assertThat(check.warning()).isNull();
    }

    @Test
    void aNewSellerOrAnUnpaidInvoiceGivesNoTrust() {
        // Scheduled but never executed: nothing was paid yet
        pay("doc-1", "ACME GmbH", OLD, false);
        PayeeCheck first = payees.check("ACME GmbH", OLD);
        assertThat(first.trusted()).isFalse();
        assertThat(first.warning()).startsWith("Bank details not seen before for this seller").contains(OLD);

        // The same IBAN paid to another seller proves nothing for this one
        pay("doc-2", "Globex AG", NEW, true);
        assertThat(payees.check("ACME GmbH", NEW).trusted()).isFalse();
    }

    @Test
    void aChangedIbanNamesBothAndTheLastPaidOne() {
        pay("doc-1", "ACME GmbH", OLD, true);

        PayeeCheck changed = payees.check("ACME GmbH", NEW);
        assertThat(changed.trusted()).isFalse();
        assertThat(changed.lastPaidIban()).isEqualTo(OLD);
        assertThat(changed.warning()).contains("IBAN differs from the one paid last time: " + OLD + " → " + NEW);
    }

    @Test
    void missingIbanOrSellerIsNeverTrusted() {
        pay("doc-1", "ACME GmbH", OLD, true);
        assertThat(payees.check("ACME GmbH", " ").trusted()).isFalse();
        assertThat(payees.check(null, OLD).warning()).contains("No seller name");
    }

    private void pay(String documentId, String seller, String iban, boolean execute) {
        jdbc.sql("INSERT INTO invoice_register (document_id, seller_key, number_key, amount, currency, seller_name,"
                        + " invoice_number, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(documentId, seller.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(), documentId.toUpperCase(),
                        new BigDecimal("100.00"), "EUR", seller, documentId, Timestamp.from(Instant.now()))
                .update();
        ScheduledPayment planned = payments.schedule(new PaymentInstruction(documentId, seller, iban,
                new BigDecimal("100.00"), "EUR", "Invoice " + documentId, LocalDate.of(2026, 11, 20), null, null, 0,
                null));
        if (execute) {
            payments.execute(planned.paymentId());
        }
    }
}
