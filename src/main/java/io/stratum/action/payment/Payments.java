package io.stratum.action.payment;

/**
 * Paying approved invoices: ISO 20022 pain.001 credit transfers and ledger entries. Every call is idempotent per
 * invoice, so a retried job never pays twice.
 */
public interface Payments {

    /**
     * Plans the payment of an approved invoice: on the discount date when the early-payment discount is worth taking,
     * else on the due date. Called again for the same {@code invoiceKey}, returns the payment planned the first time.
     */
    ScheduledPayment schedule(PaymentInstruction instruction);

    /**
     * Executes a scheduled payment: the pain.001 message (validated against its schema) and the ledger entry are
     * written exactly once, even when this is called again after a crash or a job retry.
     */
    ExecutedPayment execute(String paymentId);
}
