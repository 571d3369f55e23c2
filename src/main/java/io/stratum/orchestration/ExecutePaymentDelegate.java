package io.stratum.orchestration;

import io.stratum.action.payment.ExecutedPayment;
import io.stratum.action.payment.Payments;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Executes the scheduled payment ({@code paymentId}): pain.001 and ledger entry. Safe to retry: the payment layer
 * returns the first execution again, so a job that fails after this call never pays twice. Writes
 * {@code paymentMessageId}, {@code paymentEndToEndId} and {@code ledgerEntryId}.
 */
@Component
public class ExecutePaymentDelegate implements JavaDelegate {

    private final ObjectProvider<Payments> payments;

    public ExecutePaymentDelegate(ObjectProvider<Payments> payments) {
        this.payments = payments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String paymentId = InvoiceVariables.string(execution, PAYMENT_ID);
        if (paymentId == null) {
            throw new IllegalStateException("No paymentId: the payment was never scheduled");
        }
        ExecutedPayment executed = Beans.required(payments, Payments.class).execute(paymentId);
        execution.setVariable(PAYMENT_MESSAGE_ID, executed.messageId());
        execution.setVariable(PAYMENT_END_TO_END_ID, executed.endToEndId());
        execution.setVariable(LEDGER_ENTRY_ID, executed.ledgerEntryId());
    }
}
