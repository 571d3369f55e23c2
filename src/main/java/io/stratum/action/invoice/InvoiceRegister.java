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
     * @return the earlier document's id when this one is a duplicate, else empty (and the invoice is registered)
     */
    Optional<String> register(String documentId, String sellerName, String invoiceNumber, BigDecimal amount,
                              String currency, String processInstanceId);

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
}
