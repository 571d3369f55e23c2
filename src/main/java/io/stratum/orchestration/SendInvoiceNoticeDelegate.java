package io.stratum.orchestration;

import io.stratum.action.Mailer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Ends an invoice that is not paid with a readable {@code outcome} and {@code outcomeMessage}, and tells accounts
 * payable through the outbox (once per document and notice). The input parameter {@code notice} says why:
 * {@code unreadable}, {@code duplicate} or {@code rejected}. A rejected invoice's seller is told too, with the reason
 * (key {@code invoice-notice:<documentId>:rejected:seller}, address from {@link SellerAddress}).
 */
@Component
public class SendInvoiceNoticeDelegate implements JavaDelegate {

    private final Mailer mailer;
    private final InvoiceFlowSettings settings;

    public SendInvoiceNoticeDelegate(Mailer mailer, InvoiceFlowSettings settings) {
        this.mailer = mailer;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String notice = InvoiceVariables.string(execution, IN_NOTICE);
        String documentId = InvoiceVariables.string(execution, DOCUMENT_ID);
        String invoice = "Invoice " + InvoiceVariables.string(execution, INVOICE_NUMBER) + " of "
                + InvoiceVariables.string(execution, SELLER_NAME) + " (document " + documentId + ")";
        String outcome;
        String message;
        switch (notice == null ? "" : notice) {
            case "unreadable" -> {
                outcome = InvoiceProcessingProcess.Outcome.UNREADABLE;
                message = "Document " + documentId + " was not processed: "
                        + InvoiceVariables.string(execution, UNREADABLE_REASON)
                        + ". Nothing was paid; check the file and send it again.";
            }
            case "duplicate" -> {
                outcome = InvoiceProcessingProcess.Outcome.DUPLICATE;
                message = invoice + " over " + execution.getVariable(TOTAL) + " "
                        + InvoiceVariables.string(execution, CURRENCY) + " duplicates document "
                        + InvoiceVariables.string(execution, DUPLICATE_OF) + ": it was not paid again.";
            }
            case "rejected" -> {
                outcome = InvoiceProcessingProcess.Outcome.REJECTED;
                message = invoice + " was rejected by " + InvoiceVariables.string(execution, REJECTED_BY) + ": "
                        + InvoiceVariables.string(execution, REJECTION_REASON) + ". Nothing was paid.";
            }
            default -> throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "' needs the input parameter 'notice': unreadable, duplicate or rejected");
        }
        mailer.send("invoice-notice:" + documentId + ":" + notice, settings.accountsPayableAddress(),
                outcome.charAt(0) + outcome.substring(1).toLowerCase(java.util.Locale.ROOT) + " invoice: document "
                        + documentId, message);
        if ("rejected".equals(notice)) {
            tellSeller(execution, documentId);
        }
        execution.getProcessInstance().setVariable(OUTCOME, outcome);
        execution.getProcessInstance().setVariable(OUTCOME_MESSAGE, message);
    }

    /** The seller hears why the invoice is not paid, at its own address or through accounts payable. */
    private void tellSeller(DelegateExecution execution, String documentId) {
        SellerAddress address = SellerAddress.of(execution, settings);
        String number = InvoiceVariables.string(execution, INVOICE_NUMBER);
        Object total = execution.getVariable(TOTAL);
        String body = address.forwardNote(execution) + "Dear " + InvoiceVariables.string(execution, SELLER_NAME)
                + ",\n\nwe have not accepted your invoice " + number
                + (total instanceof Number n ? String.format(java.util.Locale.ROOT, " over %.2f %s", n.doubleValue(),
                InvoiceVariables.string(execution, CURRENCY)) : "") + " and will not pay it.\nReason: "
                + InvoiceVariables.string(execution, REJECTION_REASON) + "\n\nPlease send a corrected invoice, or"
                + " write to " + settings.accountsPayableAddress() + " quoting reference " + documentId + ".\n";
        mailer.send("invoice-notice:" + documentId + ":rejected:seller", address.to(),
                "Invoice " + number + " not accepted", body);
        execution.getProcessInstance().setVariable(SELLER_NOTICE_TO, address.to() + " (" + address.source() + ")");
    }
}
