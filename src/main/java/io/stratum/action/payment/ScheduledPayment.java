package io.stratum.action.payment;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A planned payment; {@code amount} already has the discount taken off when {@code discount} is not zero. */
public record ScheduledPayment(String paymentId, String invoiceKey, LocalDate executionDate, BigDecimal amount,
                               BigDecimal discount, String currency, String status) {
}
