package io.stratum.orchestration;

import io.stratum.action.Mailer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Locale;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Tells the seller the invoice was paid (amount, date, reference) through the outbox, once per document (key
 * {@code remittance:<documentId>}). Without the seller's address ({@code sellerEmail}) the notice goes to accounts
 * payable to forward. Sets {@code outcome} PAID.
 */
@Component
public class SendRemittanceNoticeDelegate implements JavaDelegate {

    private final Mailer mailer;
    private final InvoiceFlowSettings settings;

    public SendRemittanceNoticeDelegate(Mailer mailer, InvoiceFlowSettings settings) {
        this.mailer = mailer;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String documentId = InvoiceVariables.string(execution, DOCUMENT_ID);
        String number = InvoiceVariables.string(execution, INVOICE_NUMBER);
        String seller = InvoiceVariables.string(execution, SELLER_NAME);
        String sellerEmail = InvoiceVariables.string(execution, SELLER_EMAIL);
        String currency = InvoiceVariables.string(execution, CURRENCY);
        Object amount = execution.getVariable(PAYMENT_AMOUNT);
        Object discount = execution.getVariable(PAYMENT_DISCOUNT);
        String paid = String.format(Locale.ROOT, "%.2f %s", ((Number) amount).doubleValue(), currency);
        StringBuilder body = new StringBuilder();
        if (sellerEmail == null) {
            body.append("(No address of ").append(seller).append(" is known: please forward.)\n\n");
        }
        body.append("Dear ").append(seller).append(",\n\nwe paid your invoice ").append(number).append(": ")
                .append(paid).append(" on ").append(execution.getVariable(PAYMENT_DATE)).append(".\n");
        if (discount instanceof Number d && d.doubleValue() > 0) {
            body.append(String.format(Locale.ROOT, "Early-payment discount taken: %.2f %s.%n", d.doubleValue(),
                    currency));
        }
        body.append("Reference (end-to-end id): ").append(execution.getVariable(PAYMENT_END_TO_END_ID)).append("\n");
        mailer.send("remittance:" + documentId, sellerEmail != null ? sellerEmail : settings.accountsPayableAddress(),
                "Remittance advice: invoice " + number, body.toString());
        execution.setVariable(OUTCOME, InvoiceProcessingProcess.Outcome.PAID);
        execution.setVariable(OUTCOME_MESSAGE, "Invoice " + number + " of " + seller + " paid: " + paid + " on "
                + execution.getVariable(PAYMENT_DATE));
    }
}
