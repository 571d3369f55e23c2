package io.stratum.orchestration;

import io.stratum.action.Mailer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Locale;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Tells the seller the invoice was paid (amount, date, reference) through the outbox, once per document (key
 * {@code remittance:<documentId>}), at the address {@link SellerAddress} picks (the order's supplier e-mail, the
 * invoice's sender, else accounts payable with a note to forward it). Sets {@code sellerNoticeTo} and {@code outcome}
 * PAID.
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
        String currency = InvoiceVariables.string(execution, CURRENCY);
        Object amount = execution.getVariable(PAYMENT_AMOUNT);
        Object discount = execution.getVariable(PAYMENT_DISCOUNT);
        String paid = String.format(Locale.ROOT, "%.2f %s", ((Number) amount).doubleValue(), currency);
        SellerAddress address = SellerAddress.of(execution, settings);
        StringBuilder body = new StringBuilder(address.forwardNote(execution));
        body.append("Dear ").append(seller).append(",\n\nwe paid your invoice ").append(number).append(": ")
                .append(paid).append(" on ").append(execution.getVariable(PAYMENT_DATE)).append(".\n");
        if (discount instanceof Number d && d.doubleValue() > 0) {
            body.append(String.format(Locale.ROOT, "Early-payment discount taken: %.2f %s.%n", d.doubleValue(),
                    currency));
        }
        body.append("Reference (end-to-end id): ").append(execution.getVariable(PAYMENT_END_TO_END_ID)).append("\n");
        mailer.send("remittance:" + documentId, address.to(), "Remittance advice: invoice " + number,
                body.toString());
        execution.setVariable(SELLER_NOTICE_TO, address.to() + " (" + address.source() + ")");
        execution.setVariable(OUTCOME, InvoiceProcessingProcess.Outcome.PAID);
        execution.setVariable(OUTCOME_MESSAGE, "Invoice " + number + " of " + seller + " paid: " + paid + " on "
                + execution.getVariable(PAYMENT_DATE));
    }
}
