package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Locale;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * No-touch approval: {@code invoice-approval.dmn} approved the invoice by itself (matched its order within tolerance,
 * small in the base currency, no investment, IBAN already paid to this seller). Records it as such for the audit trail: {@code approvedBy} = {@value
 * InvoiceProcessingProcess#NO_TOUCH_APPROVER} and {@code approvalNote} naming the order, the total and the rule's
 * conditions; the DMN's own history shows which rule fired.
 */
@Component
public class ApproveAutomaticallyDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        if (!Boolean.TRUE.equals(execution.getVariable(AUTO_APPROVED))
                || !Boolean.TRUE.equals(execution.getVariable(WITHIN_TOLERANCE))
                || !Boolean.TRUE.equals(execution.getVariable(BANK_DETAILS_TRUSTED))
                || !Boolean.TRUE.equals(execution.getVariable(EXCHANGE_RATE_KNOWN))) {
            // The gateway lets only table-approved, matched invoices here; anything else is a modelling error.
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId() + "' approves only "
                    + "invoices the approval table approved after a match within tolerance, to an IBAN paid to the"
                    + " seller before, with a total converted at a configured exchange rate");
        }
        String currency = InvoiceVariables.string(execution, CURRENCY);
        String base = InvoiceVariables.string(execution, BASE_CURRENCY);
        String total = amount(execution.getVariable(TOTAL)) + " " + currency;
        if (base != null && !base.equals(currency)) {
            total += " (" + amount(execution.getVariable(TOTAL_IN_BASE_CURRENCY)) + " " + base + " at the configured"
                    + " rate " + execution.getVariable(EXCHANGE_RATE) + ")";
        }
        String note = String.format(Locale.ROOT, "Approved without a person by the no-touch rule of %s: order %s"
                        + " matched within tolerance (%s), total %s within the rule's limit, cost centre %s, IBAN %s already"
                        + " paid to this seller",
                InvoiceProcessingProcess.INVOICE_APPROVAL, InvoiceVariables.string(execution, PURCHASE_ORDER_REF),
                InvoiceVariables.string(execution, TOLERANCE_NOTE), total,
                InvoiceVariables.string(execution, COST_CENTRE), InvoiceVariables.string(execution, SELLER_IBAN));
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(APPROVED_BY, InvoiceProcessingProcess.NO_TOUCH_APPROVER);
        instance.setVariable(APPROVAL_NOTE, note);
        instance.setVariable(INVOICE_REJECTED, false);
    }

    private static Object amount(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : value;
    }
}
