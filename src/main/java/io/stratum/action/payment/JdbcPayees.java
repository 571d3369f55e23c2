package io.stratum.action.payment;

import io.stratum.action.invoice.InvoiceRegister;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;

/**
 * Trust from what was paid: executed rows of {@code payment} joined to {@code invoice_register} (payment's invoice
 * key is the document id) for the seller's VAT id, else its name key. Read-only, so no idempotency concerns.
 */
@Repository
class JdbcPayees implements Payees {

    private final JdbcClient jdbc;

    JdbcPayees(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PayeeCheck check(String sellerName, String sellerVatId, String iban) {
        String wanted = iban == null ? "" : Iban.normalise(iban);
        if (wanted.isEmpty()) {
            return new PayeeCheck(false, null, "No IBAN on the invoice: bank details cannot be checked");
        }
        String vat = InvoiceRegister.vatKey(sellerVatId);
        String seller = null;
        try {
            seller = InvoiceRegister.sellerKey(sellerName);
        } catch (IllegalArgumentException noName) {
            if (vat == null) {
                return new PayeeCheck(false, null, "No seller name on the invoice: bank details " + wanted
                        + " cannot be checked against earlier payments");
            }
        }
        // Newest first: the first row is the IBAN paid last time. With a VAT id, the company is the one with that id;
        // an earlier invoice that named none counts by name, one naming another id never.
        String sql = "SELECT p.creditor_iban FROM payment p JOIN invoice_register r ON r.document_id = p.invoice_key"
                + " WHERE p.status = ? AND " + (vat == null ? "r.seller_key = ?"
                : "(r.seller_vat_key = ? OR (r.seller_vat_key IS NULL AND r.seller_key = ?))")
                + " ORDER BY p.executed_at DESC, p.id DESC";
        List<Object> params = new ArrayList<>(List.of(JdbcPayments.EXECUTED));
        if (vat != null) {
            params.add(vat);
        }
        params.add(seller == null ? "" : seller);
        List<String> paid = jdbc.sql(sql).params(params).query(String.class).list();
        String who = vat == null ? sellerName.strip()
                : (seller == null ? "" : sellerName.strip() + ", ") + "VAT id " + vat;
        if (paid.contains(wanted)) {
            return new PayeeCheck(true, paid.get(0), null);
        }
        if (paid.isEmpty()) {
            return new PayeeCheck(false, null, "Bank details not seen before for this seller: nothing was paid to "
                    + who + " yet; check IBAN " + wanted + " with the seller before approving");
        }
        return new PayeeCheck(false, paid.get(0), "IBAN differs from the one paid last time: " + paid.get(0)
                + " → " + wanted + "; confirm the change with the seller through a known contact before approving");
    }
}
