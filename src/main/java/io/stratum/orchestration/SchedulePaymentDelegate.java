package io.stratum.orchestration;

import io.stratum.action.payment.PaymentInstruction;
import io.stratum.action.payment.Payments;
import io.stratum.action.payment.ScheduledPayment;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Date;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Plans the payment of the approved invoice from the verified values (the payment layer picks the due date or the
 * discount date). Writes {@code paymentId}, {@code paymentDate} (ISO date), {@code paymentDue} (start of that day,
 * UTC, for the timer), {@code paymentAmount} and {@code paymentDiscount}. Idempotent per document.
 */
@Component
public class SchedulePaymentDelegate implements JavaDelegate {

    private final ObjectProvider<Payments> payments;

    public SchedulePaymentDelegate(ObjectProvider<Payments> payments) {
        this.payments = payments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BigDecimal percent = InvoiceVariables.amount(execution, DISCOUNT_PERCENT);
        Object days = execution.getVariable(DISCOUNT_DAYS);
        ScheduledPayment scheduled = Beans.required(payments, Payments.class).schedule(new PaymentInstruction(
                InvoiceVariables.string(execution, DOCUMENT_ID), InvoiceVariables.string(execution, SELLER_NAME),
                InvoiceVariables.string(execution, SELLER_IBAN), InvoiceVariables.amount(execution, TOTAL),
                InvoiceVariables.string(execution, CURRENCY), InvoiceVariables.string(execution, INVOICE_NUMBER),
                InvoiceVariables.date(execution, ISSUE_DATE), InvoiceVariables.date(execution, DUE_DATE),
                percent == null || percent.signum() == 0 ? null : percent,
                days instanceof Number n && percent != null ? n.intValue() : 0,
                InvoiceVariables.string(execution, SELLER_EMAIL)));
        execution.setVariable(PAYMENT_ID, scheduled.paymentId());
        execution.setVariable(PAYMENT_DATE, scheduled.executionDate().toString());
        execution.setVariable(PAYMENT_DUE, Date.from(scheduled.executionDate().atStartOfDay(ZoneOffset.UTC)
                .toInstant()));
        execution.setVariable(PAYMENT_AMOUNT, scheduled.amount().doubleValue());
        execution.setVariable(PAYMENT_DISCOUNT, scheduled.discount() == null ? 0.0
                : scheduled.discount().doubleValue());
    }
}
