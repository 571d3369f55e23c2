package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * On completion of {@code ResolveDiscrepancy}: {@code discrepancyDecision} must be {@code accept} or {@code reject}
 * (a rejection needs a note for the rejection notice). Sets {@code resolvedBy}; a rejection sets
 * {@code invoiceRejected}, {@code rejectedBy} and {@code rejectionReason}.
 */
@Component
public class ResolveDiscrepancyListener implements TaskListener {

    static final String ACCEPT = "accept";
    static final String REJECT = "reject";

    @Override
    public void notify(DelegateTask task) {
        String decision = InvoiceVariables.string(task, DISCREPANCY_DECISION);
        String note = InvoiceVariables.string(task, DISCREPANCY_NOTE);
        if (!ACCEPT.equals(decision) && !REJECT.equals(decision)) {
            throw new IllegalArgumentException(DISCREPANCY_DECISION + ": 'accept' or 'reject', got '" + decision
                    + "'");
        }
        if (REJECT.equals(decision) && note == null) {
            throw new IllegalArgumentException(DISCREPANCY_NOTE + ": say why the invoice is rejected");
        }
        String actor = TaskActors.actor(task);
        DelegateExecution instance = task.getExecution().getProcessInstance();
        instance.setVariable(RESOLVED_BY, actor);
        instance.setVariable(INVOICE_REJECTED, REJECT.equals(decision));
        if (REJECT.equals(decision)) {
            instance.setVariable(REJECTED_BY, actor);
            instance.setVariable(REJECTION_REASON, "Purchase order mismatch: " + note);
        }
    }
}
