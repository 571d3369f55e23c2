package io.stratum.action.invoice;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * The register in table {@code invoice_register}. A unique index on the keys makes two concurrent copies of one
 * invoice collide: the loser's transaction fails and its retry finds the winner.
 */
@Repository
class JdbcInvoiceRegister implements InvoiceRegister {

    private final JdbcClient jdbc;

    JdbcInvoiceRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> register(String documentId, String sellerName, String sellerVatId, String invoiceNumber,
                                     BigDecimal amount, String currency, String processInstanceId) {
        String seller = InvoiceRegister.sellerKey(sellerName);
        String number = key(invoiceNumber).toUpperCase(Locale.ROOT);
        BigDecimal total = amount.setScale(2, RoundingMode.HALF_UP);
        String ccy = currency.toUpperCase(Locale.ROOT);
        Optional<String> holder = jdbc.sql("SELECT document_id FROM invoice_register WHERE seller_key = ? "
                        + "AND number_key = ? AND amount = ? AND currency = ?")
                .params(seller, number, total, ccy).query(String.class).optional();
        if (holder.isPresent()) {
            return holder.get().equals(documentId) ? Optional.empty() : holder;
        }
        jdbc.sql("DELETE FROM invoice_register WHERE document_id = ?").param(documentId).update();
        jdbc.sql("INSERT INTO invoice_register (document_id, seller_key, number_key, amount, currency, seller_name, "
                        + "invoice_number, process_instance_id, registered_at, seller_vat_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(documentId, seller, number, total, ccy, sellerName, invoiceNumber, processInstanceId,
                        OffsetDateTime.now(ZoneOffset.UTC), InvoiceRegister.vatKey(sellerVatId))
                .update();
        return Optional.empty();
    }

    /** Letters and digits only: "ACME GmbH." and "Acme-GmbH" are one seller, "INV 0042" and "inv-0042" one number. */
    static String key(String value) {
        String k = value == null ? "" : value.replaceAll("[^\\p{L}\\p{N}]", "");
        if (k.isEmpty()) {
            throw new IllegalArgumentException("An invoice needs a seller and a number to be registered");
        }
        return k;
    }
}
