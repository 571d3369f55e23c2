package io.stratum.ingestion.document;

/** The document is stored and valid but its process could not be started now; the background retry starts it. */
public class DocumentStartException extends RuntimeException {

    private final String documentId;

    DocumentStartException(String documentId, String message, Throwable cause) {
        super(message, cause);
        this.documentId = documentId;
    }

    public String documentId() {
        return documentId;
    }
}
