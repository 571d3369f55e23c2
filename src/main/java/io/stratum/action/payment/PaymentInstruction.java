package io.stratum.action.payment;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What to pay, from a verified and approved invoice.
 *
 * @param invoiceKey      idempotency key: the document id of the invoice
 * @param remittance      unstructured remittance information, e.g. the invoice number
 * @param discountPercent early-payment discount, or {@code null}
 * @param discountDays    days after the issue date the discount applies, or 0
 * @param remittanceEmail where the remittance notice goes, or {@code null}
 */
public record PaymentInstruction(String invoiceKey, String creditorName, String creditorIban, BigDecimal amount,
                                 String currency, String remittance, LocalDate issueDate, LocalDate dueDate,
                                 BigDecimal discountPercent, int discountDays, String remittanceEmail) {
}
