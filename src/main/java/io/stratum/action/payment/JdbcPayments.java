package io.stratum.action.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tables {@code payment} and {@code ledger_entry}. Scheduling is idempotent per invoice (unique constraint);
 * executing locks the payment row, so the message and the ledger entry are written once however often, and from
 * however many nodes, it is called. The message file for the bank channel is written after the commit.
 */
@Service
class JdbcPayments implements Payments {

    static final String SCHEDULED = "SCHEDULED";
    static final String EXECUTED = "EXECUTED";

    private static final Logger log = LoggerFactory.getLogger(JdbcPayments.class);
    private static final String COLUMNS = """
            id, invoice_key, creditor_name, creditor_iban, invoice_amount, discount, amount, currency, remittance,
            remittance_email, issue_date, due_date, execution_date, decision, status, message_id, end_to_end_id,
            ledger_entry_id, created_at, executed_at""";
    private static final RowMapper<PaymentRecord> MAPPER = (rs, n) -> new PaymentRecord(rs.getString("id"),
            rs.getString("invoice_key"), rs.getString("creditor_name"), rs.getString("creditor_iban"),
            rs.getBigDecimal("invoice_amount"), rs.getBigDecimal("discount"), rs.getBigDecimal("amount"),
            rs.getString("currency"), rs.getString("remittance"), rs.getString("remittance_email"),
            date(rs.getDate("issue_date")), date(rs.getDate("due_date")), date(rs.getDate("execution_date")),
            rs.getString("decision"), rs.getString("status"), rs.getString("message_id"),
            rs.getString("end_to_end_id"), (Long) rs.getObject("ledger_entry_id", Long.class),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("executed_at") == null ? null : rs.getTimestamp("executed_at").toInstant());

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PaymentSettings settings;
    private final Clock clock;

    @Autowired
    JdbcPayments(JdbcClient jdbc, PlatformTransactionManager transactions, PaymentSettings settings) {
        this(jdbc, transactions, settings, Clock.systemUTC());
    }

    JdbcPayments(JdbcClient jdbc, PlatformTransactionManager transactions, PaymentSettings settings, Clock clock) {
        this.jdbc = jdbc;
        // Its own transaction, also when called inside another one (the ExecutePayment job's): the booking commits
        // before the pain.001 file is written, so a caller that rolls back afterwards (a node dies before the job
        // commits, a concurrent change) cannot leave a file behind for a payment its retry books again.
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ScheduledPayment schedule(PaymentInstruction in) {
        PaymentPlan.validate(in);
        Optional<PaymentRecord> existing = findByInvoice(in.invoiceKey());
        if (existing.isPresent()) {
            return existing.get().scheduled();
        }
        PaymentPlan plan = PaymentPlan.of(in, settings, LocalDate.now(clock));
        long number = jdbc.sql("SELECT nextval('payment_number_seq')").query(Long.class).single();
        String id = String.format("PAY-%06d", number);
        try {
            jdbc.sql("INSERT INTO payment (id, invoice_key, creditor_name, creditor_iban, invoice_amount, discount,"
                            + " amount, currency, remittance, remittance_email, issue_date, due_date, execution_date,"
                            + " decision, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, in.invoiceKey(), Pain001.fit(in.creditorName(), 140), Iban.normalise(in.creditorIban()),
                            in.amount(), plan.discount(), plan.amount(), in.currency(),
                            Pain001.fit(in.remittance(), 140), in.remittanceEmail(), sqlDate(in.issueDate()),
                            sqlDate(in.dueDate()), sqlDate(plan.executionDate()), plan.decision(), SCHEDULED,
                            Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException raceLost) {
            // A concurrent retry scheduled it first: that plan stands.
            return findByInvoice(in.invoiceKey()).orElseThrow(() -> raceLost).scheduled();
        }
        log.info("Payment {} for invoice {} planned on {}: {}", id, in.invoiceKey(), plan.executionDate(),
                plan.decision());
        return find(id).orElseThrow().scheduled();
    }

    @Override
    public ExecutedPayment execute(String paymentId) {
        Executed done = tx.execute(status -> {
            PaymentRecord p = jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = ? FOR UPDATE")
                    .param(paymentId).query(MAPPER).optional()
                    .orElseThrow(() -> new PaymentNotFoundException(paymentId));
            if (EXECUTED.equals(p.status())) {
                return new Executed(p.executed(true), pain001(paymentId));
            }
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            String messageId = "S" + now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "-" + p.id();
            String endToEndId = endToEndId(p);
            String xml = Pain001.write(new Pain001.Transfer(messageId, now, settings.debtorName(),
                    settings.debtorIban(), settings.debtorBic(), p.executionDate(), endToEndId, p.amount(),
                    p.currency(), p.creditorName(), p.creditorIban(), p.remittance()));
            jdbc.sql("INSERT INTO ledger_entry (payment_id, booked_at, debit_account, credit_account, amount,"
                            + " currency, text) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(p.id(), Timestamp.from(now.toInstant()), settings.payableAccount(),
                            settings.bankAccount(), p.amount(), p.currency(),
                            Pain001.fit("Payment " + p.id() + " to " + p.creditorName()
                                    + (p.remittance() == null ? "" : ", " + p.remittance()), 300))
                    .update();
            // Unique per payment: read back instead of relying on each driver's generated-key behaviour.
            long ledgerId = jdbc.sql("SELECT id FROM ledger_entry WHERE payment_id = ?").param(p.id())
                    .query(Long.class).single();
            int updated = jdbc.sql("UPDATE payment SET status = ?, message_id = ?, end_to_end_id = ?, pain001 = ?,"
                            + " ledger_entry_id = ?, executed_at = ? WHERE id = ? AND status = ?")
                    .params(EXECUTED, messageId, endToEndId, xml, ledgerId, Timestamp.from(now.toInstant()),
                            p.id(), SCHEDULED)
                    .update();
            if (updated != 1) {
                throw new IllegalStateException("Payment " + p.id() + " changed while locked");
            }
            return new Executed(new ExecutedPayment(p.id(), messageId, endToEndId, ledgerId, false), xml);
        });
        // After the booking's commit: a crash before this line leaves the file to the next call, which writes it.
        writeMessageFile(done.payment().messageId(), done.xml());
        if (!done.payment().alreadyExecuted()) {
            log.info("Payment {} executed: pain.001 {} and ledger entry {}", paymentId, done.payment().messageId(),
                    done.payment().ledgerEntryId());
        }
        return done.payment();
    }

    Optional<PaymentRecord> find(String paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = ?").param(paymentId).query(MAPPER).optional();
    }

    Optional<PaymentRecord> findByInvoice(String invoiceKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE invoice_key = ?").param(invoiceKey).query(MAPPER)
                .optional();
    }

    /** The stored pain.001 text of an executed payment. */
    Optional<String> pain001(String paymentId) {
        return jdbc.sql("SELECT pain001 FROM payment WHERE id = ? AND pain001 IS NOT NULL").param(paymentId)
                .query(String.class).optional();
    }

    /** Where the message with this id is (or will be) written. */
    Path messageFile(String messageId) {
        return settings.outbox().resolve(messageId + ".xml");
    }

    /** Idempotent: an existing file with the same bytes stays as it is; a partial one is replaced atomically. */
    private void writeMessageFile(String messageId, Optional<String> xml) {
        xml.ifPresent(text -> writeMessageFile(messageId, text));
    }

    private void writeMessageFile(String messageId, String xml) {
        Path target = messageFile(messageId);
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), messageId, ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("pain.001 " + messageId + " is booked but its file could not be written to "
                    + target + " (executing the payment again writes it): " + e.getMessage(), e);
        }
    }

    /** The invoice reference the seller sees on the statement; the payment id when there is none. */
    private static String endToEndId(PaymentRecord p) {
        String ref = Pain001.fit(p.remittance(), 35);
        return ref == null || ref.isEmpty() ? p.id() : ref;
    }

    private static Date sqlDate(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private record Executed(ExecutedPayment payment, Optional<String> xml) {

        Executed(ExecutedPayment payment, String xml) {
            this(payment, Optional.of(xml));
        }
    }
}
