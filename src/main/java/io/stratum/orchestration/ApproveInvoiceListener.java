package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * On completion of an {@code ApproveInvoice} task: enforces four-eyes (a person who already approved this invoice
 * cannot decide again; the completion fails with a message saying so), reads {@code approvalDecision}
 * ({@code approve} or {@code reject}; a rejection needs {@code approvalComment}) and keeps the approvers in
 * {@code approvedBy} ("approver, approver2"). A rejection sets {@code invoiceRejected}, which ends the approval
 * round. The decision fields are cleared so that the next approver starts from an empty form.
 */
@Component
public class ApproveInvoiceListener implements TaskListener {

    static final String APPROVE = "approve";
    static final String REJECT = "reject";

    @Override
    public void notify(DelegateTask task) {
        String actor = TaskActors.actor(task);
        if (actor == null) {
            throw new IllegalArgumentException("Claim the task before deciding: four-eyes needs to know who approves");
        }
        List<String> approvers = new ArrayList<>();
        String earlier = InvoiceVariables.string(task, APPROVED_BY);
        if (earlier != null) {
            approvers.addAll(Arrays.stream(earlier.split(",")).map(String::strip).toList());
        }
        if (approvers.contains(actor)) {
            throw new IllegalArgumentException("Four-eyes: " + actor + " has already approved this invoice; the "
                    + "second approval must come from a different person");
        }
        String decision = InvoiceVariables.string(task, APPROVAL_DECISION);
        String comment = InvoiceVariables.string(task, APPROVAL_COMMENT);
        if (!APPROVE.equals(decision) && !REJECT.equals(decision)) {
            throw new IllegalArgumentException(APPROVAL_DECISION + ": 'approve' or 'reject', got '" + decision + "'");
        }
        if (REJECT.equals(decision) && comment == null) {
            throw new IllegalArgumentException(APPROVAL_COMMENT + ": say why the invoice is rejected");
        }
        DelegateExecution instance = task.getExecution().getProcessInstance();
        if (REJECT.equals(decision)) {
            instance.setVariable(INVOICE_REJECTED, true);
            instance.setVariable(REJECTED_BY, actor);
            instance.setVariable(REJECTION_REASON, "Not approved: " + comment);
        } else {
            approvers.add(actor);
            instance.setVariable(APPROVED_BY, String.join(", ", approvers));
            instance.setVariable(INVOICE_REJECTED, false);
        }
        task.getExecution().removeVariable(APPROVAL_DECISION);
        task.getExecution().removeVariable(APPROVAL_COMMENT);
    }
}
