package io.stratum.intelligence.document;

/**
 * Turns a stored file into positioned text: the PDF text layer where a page has one, OCR where it has not, OCR for
 * images (PNG, JPEG, TIFF incl. multi-page), and the embedded e-invoice XML when the PDF carries one.
 */
public interface DocumentReader {

    /**
     * @param mediaType as detected from the bytes on intake
     * @throws UnreadableDocumentException when the file cannot be read (corrupt, encrypted, no pages)
     */
    DocumentLayout read(byte[] content, String mediaType);
}
