package io.stratum.action.payment;

/**
 * Whether a seller's bank details can be trusted without a person looking at them: an invoice may be paid with no
 * human approval only to an IBAN this seller was paid to before.
 */
public interface Payees {

    /**
     * Checks the IBAN an invoice asks to be paid to against the executed payments to the same seller. The seller is
     * the company with the invoice's VAT id when it carries one (compared by
     * {@link io.stratum.action.invoice.InvoiceRegister#vatKey}; earlier invoices registered without a VAT id count
     * by name), so a renamed seller keeps its trust and another company with a similar name gets none; without a VAT
     * id it is the seller's name (its register key, see {@link io.stratum.action.invoice.InvoiceRegister#sellerKey}).
     * Trust starts with a person: the no-touch rule requires it, so the first payment to any seller/IBAN pair was
     * approved by a person.
     */
    PayeeCheck check(String sellerName, String sellerVatId, String iban);

    /**
     * @param trusted      the IBAN was paid to this seller before
     * @param lastPaidIban the IBAN of the seller's latest executed payment, or {@code null} when none
     * @param warning      for the approver when not trusted ("Bank details not seen before...", "IBAN differs...");
     *                     {@code null} when trusted
     */
    record PayeeCheck(boolean trusted, String lastPaidIban, String warning) {
    }
}
