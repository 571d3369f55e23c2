package io.stratum.orchestration;

import io.stratum.ingestion.document.Documents;
import io.stratum.ingestion.document.StoredDocument;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.DocumentReader;
import io.stratum.learning.DocumentLayouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The learning layer's view of the document inbox: a stored document read again, as extraction reads it. */
@Component
public class InboxDocumentLayouts implements DocumentLayouts {

    private static final Logger log = LoggerFactory.getLogger(InboxDocumentLayouts.class);

    private final ObjectProvider<Documents> documents;
    private final ObjectProvider<DocumentReader> reader;

    public InboxDocumentLayouts(ObjectProvider<Documents> documents, ObjectProvider<DocumentReader> reader) {
        this.documents = documents;
        this.reader = reader;
    }

    @Override
    public Optional<DocumentLayout> layout(String documentId) {
        Documents inbox = documents.getIfAvailable();
        DocumentReader read = reader.getIfAvailable();
        if (inbox == null || read == null) {
            return Optional.empty();
        }
        Optional<StoredDocument> stored = inbox.find(documentId);
        if (stored.isEmpty()) {
            log.warn("Document {} is no longer in the inbox; its verified fields cannot train", documentId);
            return Optional.empty();
        }
        try {
            return Optional.of(read.read(inbox.content(documentId), stored.get().mediaType()));
        } catch (RuntimeException e) {
            log.warn("Document {} cannot be read for retraining: {}", documentId, e.getMessage());
            return Optional.empty();
        }
    }
}
