package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.VariableScope;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Where notices to the seller (remittance, rejection) go: the supplier e-mail of the purchase order the invoice
 * matched ({@code supplierEmail}, master data kept by purchasing), else the address the invoice came from by e-mail
 * or a verifier entered ({@code sellerEmail}), else accounts payable, with a note asking to forward it.
 *
 * @param to     the recipient
 * @param known  false: accounts payable receives the seller's notice to forward
 * @param source {@code purchase-order}, {@code invoice} or {@code accounts-payable}
 */
record SellerAddress(String to, boolean known, String source) {

    static SellerAddress of(VariableScope scope, InvoiceFlowSettings settings) {
        String fromOrder = InvoiceVariables.string(scope, SUPPLIER_EMAIL);
        if (fromOrder != null) {
            return new SellerAddress(fromOrder, true, "purchase-order");
        }
        String fromInvoice = InvoiceVariables.string(scope, SELLER_EMAIL);
        if (fromInvoice != null) {
            return new SellerAddress(fromInvoice, true, "invoice");
        }
        return new SellerAddress(settings.accountsPayableAddress(), false, "accounts-payable");
    }

    /** The first lines of a notice accounts payable receives in the seller's place; empty when the seller's is known. */
    String forwardNote(VariableScope scope) {
        if (known) {
            return "";
        }
        String order = InvoiceVariables.string(scope, PURCHASE_ORDER_REF);
        return "(Forward to the seller: no e-mail address of " + InvoiceVariables.string(scope, SELLER_NAME)
                + " is known, neither " + (order == null ? "from a purchase order" : "on purchase order " + order)
                + " nor from the invoice's delivery. Add supplierEmail to the order or the verify form to send"
                + " such notices directly.)\n\n";
    }
}
