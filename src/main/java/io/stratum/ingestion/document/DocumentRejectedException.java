package io.stratum.ingestion.document;

/** A received file that Stratum refuses; it is stored as REJECTED with the reason before this is thrown. */
public class DocumentRejectedException extends RuntimeException {

    private final transient StoredDocument document;
    private final DocumentInspection.Rejection rejection;

    DocumentRejectedException(StoredDocument document, DocumentInspection.Rejection rejection) {
        super(document.reason());
        this.document = document;
        this.rejection = rejection;
    }

    public StoredDocument document() {
        return document;
    }

    public DocumentInspection.Rejection rejection() {
        return rejection;
    }
}
