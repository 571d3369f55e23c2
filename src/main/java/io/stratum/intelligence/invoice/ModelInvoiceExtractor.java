package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.model.TextModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Template-free extraction: the embedded e-invoice XML when there is one (and that is switched on), else the field
 * model over the positioned text, then vendor memory for sellers people verified before.
 */
public final class ModelInvoiceExtractor implements InvoiceExtractor {

    private static final Logger log = LoggerFactory.getLogger(ModelInvoiceExtractor.class);

    private final Supplier<TextModel> model;
    private final VendorMemory memory;
    private final boolean useEmbeddedXml;

    /**
     * @param model  the current field model (the registry's champion, read per call so promotions apply)
     * @param memory vendor memory, or null for none
     */
    public ModelInvoiceExtractor(Supplier<TextModel> model, VendorMemory memory, boolean useEmbeddedXml) {
        this.model = model;
        this.memory = memory;
        this.useEmbeddedXml = useEmbeddedXml;
    }

    @Override
    public InvoiceFields extract(DocumentLayout document) {
        byte[] xml = document.embeddedInvoiceXml();
        if (useEmbeddedXml && xml != null) {
            if (CrossIndustryInvoice.isCii(xml)) {
                return CrossIndustryInvoice.read(xml);
            }
            log.warn("Embedded invoice XML is not CII (e.g. UBL); reading the document's text instead");
        }
        FieldReader.Reading reading = new FieldReader(model.get()).read(document);
        if (memory == null) {
            return reading.fields();
        }
        VendorMemory.Entry entry = memory.recall(VendorMemory.keys(document, reading.fields()));
        return entry == null ? reading.fields() : VendorMemory.apply(entry, reading.candidates(), reading.fields());
    }

    @Override
    public void remember(DocumentLayout document, InvoiceFields verified) {
        if (memory != null) {
            memory.remember(document, verified);
        }
    }
}
