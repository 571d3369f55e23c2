package io.stratum.action.invoice;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** The invoices accepted for processing, so that the same invoice sent twice is paid once. */
public interface InvoiceRegister {

    /**
     * Registers an invoice unless an earlier document is the same invoice: same seller, number and amount (seller
     * and number compared without case, spaces and punctuation). Registering the same document again is harmless.
     *
     * @param sellerVatId the seller's VAT id as the invoice states it, or null; kept (normalised, see
     *                    {@link #vatKey}) so that trust in bank details can follow the company, not its name
     * @return the earlier document's id when this one is a duplicate, else empty (and the invoice is registered)
     */
    Optional<String> register(String documentId, String sellerName, String sellerVatId, String invoiceNumber,
                              BigDecimal amount, String currency, String processInstanceId);

    /**
     * The key a seller is registered under: its name in lower case, letters and digits only ("ACME GmbH." and
     * "Acme-GmbH" are one seller).
     *
     * @throws IllegalArgumentException when the name has no letter or digit
     */
    static String sellerKey(String sellerName) {
        String k = sellerName == null ? "" : sellerName.replaceAll("[^\\p{L}\\p{N}]", "");
        if (k.isEmpty()) {
            throw new IllegalArgumentException("An invoice needs a seller and a number to be registered");
        }
        return k.toLowerCase(Locale.ROOT);
    }

    /**
     * The key a VAT id is compared by: upper case, letters and digits only ("DE 123 456 789" and "de123456789" are
     * one id); null when there is none.
     */
    static String vatKey(String vatId) {
        String k = vatId == null ? "" : vatId.replaceAll("[^\\p{L}\\p{N}]", "").toUpperCase(Locale.ROOT);
        return k.isEmpty() ? null : k;
    }
}
