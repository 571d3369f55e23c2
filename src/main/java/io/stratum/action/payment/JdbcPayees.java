package io.stratum.action.payment;

import io.stratum.action.invoice.InvoiceRegister;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/**
 * Trust from what was paid: executed rows of {@code payment} joined to {@code invoice_register} (payment's invoice
 * key is the document id) for the seller's key. Read-only, so no idempotency concerns.
 */
@Repository
class JdbcPayees implements Payees {

    private final JdbcClient jdbc;

    JdbcPayees(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PayeeCheck check(String sellerName, String iban) {
        String wanted = iban == null ? "" : Iban.normalise(iban);
        if (wanted.isEmpty()) {
            return new PayeeCheck(false, null, "No IBAN on the invoice: bank details cannot be checked");
        }
        String seller;
        try {
            seller = InvoiceRegister.sellerKey(sellerName);
        } catch (IllegalArgumentException noName) {
            return new PayeeCheck(false, null, "No seller name on the invoice: bank details " + wanted
                    + " cannot be checked against earlier payments");
        }
        // Newest first: the first row is the IBAN paid last time.
        List<String> paid = jdbc.sql("SELECT p.creditor_iban FROM payment p JOIN invoice_register r"
                        + " ON r.document_id = p.invoice_key WHERE r.seller_key = ? AND p.status = ?"
                        + " ORDER BY p.executed_at DESC, p.id DESC")
                .params(seller, JdbcPayments.EXECUTED).query(String.class).list();
        if (paid.contains(wanted)) {
            return new PayeeCheck(true, paid.get(0), null);
        }
        if (paid.isEmpty()) {
            return new PayeeCheck(false, null, "Bank details not seen before for this seller: nothing was paid to "
                    + sellerName.strip() + " yet; check IBAN " + wanted + " with the seller before approving");
        }
        return new PayeeCheck(false, paid.get(0), "IBAN differs from the one paid last time: " + paid.get(0)
                + " → " + wanted + "; confirm the change with the seller through a known contact before approving");
    }
}
