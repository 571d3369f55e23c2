package io.stratum.ingestion.document;

import java.util.Optional;

/** The document inbox: every uploaded, mailed or scanned file, stored before anything reads it. */
public interface Documents {

    Optional<StoredDocument> find(String documentId);

    /** The raw bytes exactly as received. */
    byte[] content(String documentId);
}
