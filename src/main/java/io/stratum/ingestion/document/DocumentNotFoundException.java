package io.stratum.ingestion.document;

class DocumentNotFoundException extends RuntimeException {

    DocumentNotFoundException(String id) {
        super("Document " + id + " not found");
    }
}
