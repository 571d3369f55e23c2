package io.stratum.orchestration;

import io.stratum.action.payment.Payees;
import io.stratum.action.payment.Payees.PayeeCheck;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Asks the payment layer whether the invoice's IBAN was paid to this seller (the company with the invoice's VAT id,
 * else its name) before. Sets {@code bankDetailsTrusted} (an input of {@code invoice-approval.dmn}: no-touch only when
 * true), {@code bankDetailsWarning} for the approve form (null when trusted) and {@code lastPaidIban}; as process
 * variables they stay in the history for the audit trail.
 */
@Component
public class CheckPayeeDelegate implements JavaDelegate {

    private final ObjectProvider<Payees> payees;

    public CheckPayeeDelegate(ObjectProvider<Payees> payees) {
        this.payees = payees;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PayeeCheck check = Beans.required(payees, Payees.class).check(InvoiceVariables.string(execution, SELLER_NAME),
                InvoiceVariables.string(execution, SELLER_VAT_ID), InvoiceVariables.string(execution, SELLER_IBAN));
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(BANK_DETAILS_TRUSTED, check.trusted());
        instance.setVariable(BANK_DETAILS_WARNING, check.warning());
        instance.setVariable(LAST_PAID_IBAN, check.lastPaidIban());
    }
}
