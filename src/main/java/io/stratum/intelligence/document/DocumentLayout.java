package io.stratum.intelligence.document;

import java.util.List;

/**
 * A document's text as positioned lines, whatever it came from: the PDF text layer, OCR of a scanned page, or both
 * (page by page). Extraction models read this, never the raw file.
 *
 * @param pages              in document order
 * @param embeddedInvoiceXml the EN 16931 / ZUGFeRD / Factur-X XML attached to the PDF, or {@code null}
 */
public record DocumentLayout(List<PageLayout> pages, byte[] embeddedInvoiceXml) {

    public DocumentLayout {
        pages = List.copyOf(pages);
    }

    /** All lines of all pages, top to bottom, page after page. */
    public List<TextLine> lines() {
        return pages.stream().flatMap(page -> page.lines().stream()).toList();
    }

    /** The plain text, one line per {@link TextLine}. */
    public String text() {
        return String.join("\n", lines().stream().map(TextLine::text).toList());
    }
}
