package io.stratum.action.payment;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * Earlier invoices and their payments in a real schema (Flyway on in-memory H2, real {@link JdbcPayments}), with the
 * real {@link Payees} reading them: for the trust tests here and the invoice process tests.
 */
public final class PayeeHistory {

    private final JdbcClient jdbc;
    private final JdbcPayments payments;
    private final JdbcPayees payees;

    /** @param outbox where the payments write their pain.001 files */
    public PayeeHistory(Path outbox) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:payees-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(ds);
        PaymentSettings settings = new PaymentSettings("Stratum Demo GmbH", "DE75512108001245126199", "COBADEFFXXX",
                30, new BigDecimal("0.08"), "1600 Accounts payable", "1200 Bank", outbox);
        payments = new JdbcPayments(jdbc, new DataSourceTransactionManager(ds), settings,
                Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC));
        payees = new JdbcPayees(jdbc);
    }

    public Payees payees() {
        return payees;
    }

    /**
     * An earlier invoice of {@code seller} registered as the duplicate check does (VAT id as printed, or null) and its
     * payment to {@code iban} planned, and executed when {@code execute}.
     */
    public void paid(String documentId, String seller, String vatId, String iban, boolean execute) {
        String vat = vatId == null ? null : vatId.replaceAll("[^\\p{L}\\p{N}]", "").toUpperCase(Locale.ROOT);
        jdbc.sql("INSERT INTO invoice_register (document_id, seller_key, number_key, amount, currency, seller_name,"
                        + " invoice_number, registered_at, seller_vat_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(documentId, seller.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT),
                        documentId.toUpperCase(Locale.ROOT), new BigDecimal("100.00"), "EUR", seller, documentId,
                        Timestamp.from(Instant.now()), vat)
                .update();
        ScheduledPayment planned = payments.schedule(new PaymentInstruction(documentId, seller, iban,
                new BigDecimal("100.00"), "EUR", "Invoice " + documentId, LocalDate.of(2026, 11, 20), null, null, 0,
                null));
        if (execute) {
            payments.execute(planned.paymentId());
        }
    }
}
