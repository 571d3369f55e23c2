package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;

/** Template-free field extraction: reads any invoice layout, no per-vendor configuration. */
public interface InvoiceExtractor {

    /**
     * Extracts the fields of one invoice. Reads the embedded e-invoice XML when the layout carries one and that is
     * switched on; otherwise the model reads the positioned text (and vendor memory corrects what people fixed before).
     */
    InvoiceFields extract(DocumentLayout document);

    /**
     * Vendor memory: a person verified (and maybe corrected) the fields of this document; the next invoice of the same
     * seller must come out right. The corrections also reach the retraining store through the learning layer.
     */
    void remember(DocumentLayout document, InvoiceFields verified);
}
