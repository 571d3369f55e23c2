package io.stratum.action.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code payment}, as the REST API shows it (without the message text). */
record PaymentRecord(String id, String invoiceKey, String creditorName, String creditorIban,
                     BigDecimal invoiceAmount, BigDecimal discount, BigDecimal amount, String currency,
                     String remittance, String remittanceEmail, LocalDate issueDate, LocalDate dueDate,
                     LocalDate executionDate, String decision, String status, String messageId, String endToEndId,
                     Long ledgerEntryId, Instant createdAt, Instant executedAt) {

    ScheduledPayment scheduled() {
        return new ScheduledPayment(id, invoiceKey, executionDate, amount, discount, currency, status);
    }

    ExecutedPayment executed(boolean already) {
        return new ExecutedPayment(id, messageId, endToEndId, ledgerEntryId, already);
    }
}
