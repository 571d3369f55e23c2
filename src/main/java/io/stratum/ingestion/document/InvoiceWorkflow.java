package io.stratum.ingestion.document;

/**
 * Port to the orchestration layer: starts the invoice process of a stored, accepted document. Implemented in
 * {@code orchestration}, so ingestion never depends on the engine.
 */
public interface InvoiceWorkflow {

    /**
     * Starts (or finds the already started) invoice process of the document, business key = document id, and returns
     * its process instance id.
     */
    String start(StoredDocument document);
}
