package io.stratum.orchestration;

import io.stratum.ingestion.document.Documents;
import io.stratum.ingestion.document.StoredDocument;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.DocumentReader;
import io.stratum.intelligence.invoice.InvoiceExtractor;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * Vendor memory: hands the verified fields with the document's layout to {@link InvoiceExtractor#remember}, so the
 * seller's next invoice comes out right. Re-reads the document (the layout is never a process variable).
 */
@Component
public class RememberCorrectionsDelegate implements JavaDelegate {

    private final ObjectProvider<Documents> documents;
    private final ObjectProvider<DocumentReader> reader;
    private final ObjectProvider<InvoiceExtractor> extractor;

    public RememberCorrectionsDelegate(ObjectProvider<Documents> documents, ObjectProvider<DocumentReader> reader,
                                       ObjectProvider<InvoiceExtractor> extractor) {
        this.documents = documents;
        this.reader = reader;
        this.extractor = extractor;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String documentId = InvoiceVariables.string(execution, DOCUMENT_ID);
        Documents inbox = Beans.required(documents, Documents.class);
        StoredDocument stored = inbox.find(documentId).orElseThrow(() ->
                new IllegalStateException("Document " + documentId + " is no longer in the document inbox"));
        DocumentLayout layout = Beans.required(reader, DocumentReader.class)
                .read(inbox.content(documentId), stored.mediaType());
        InvoiceDecision proposal = InvoiceDecision.fromVariable(execution.getVariableTyped(INVOICE));
        Beans.required(extractor, InvoiceExtractor.class).remember(layout, InvoiceVariables.read(execution,
                proposal == null ? null : proposal.fields(), VerifyInvoiceListener.VERIFIED_SOURCE));
    }
}
