package io.stratum.learning;

import io.stratum.intelligence.document.DocumentLayout;

import java.util.Optional;

/**
 * Port to the document inbox: the positioned text of a stored document, read as the extractor reads it
 * (orchestration implements it with the inbox and the document reader).
 */
public interface DocumentLayouts {

    /** Empty when the document is no longer in the inbox or cannot be read. */
    Optional<DocumentLayout> layout(String documentId);
}
