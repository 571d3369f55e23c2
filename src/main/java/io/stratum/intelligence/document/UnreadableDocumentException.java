package io.stratum.intelligence.document;

/** A file that no reader can turn into text; the message says why, for the incident or the problem response. */
public class UnreadableDocumentException extends RuntimeException {

    public UnreadableDocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadableDocumentException(String message) {
        super(message);
    }
}
