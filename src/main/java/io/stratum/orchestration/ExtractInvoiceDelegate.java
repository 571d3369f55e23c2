package io.stratum.orchestration;

import io.stratum.ingestion.document.Documents;
import io.stratum.ingestion.document.StoredDocument;
import io.stratum.intelligence.ConfidenceThresholds;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.DocumentReader;
import io.stratum.intelligence.document.UnreadableDocumentException;
import io.stratum.intelligence.invoice.InvoiceExtractor;
import io.stratum.intelligence.invoice.InvoiceFields;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.stratum.orchestration.InvoiceProcessingProcess.FIELDS_MODEL;
import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * "Extract document": reads the stored document ({@code documentId}) into positioned text and extracts the invoice
 * fields. Writes the decision as one Spin JSON variable ({@code resultVariable}, default {@code invoice}: fields,
 * per-field confidence, model, version, decisionId), {@code <result>Confident} (every required field present and at or
 * above the {@code invoice-fields} threshold), {@code <result>UnsureFields}, {@code <result>ConfidenceText}, the
 * working values ({@code invoiceNumber}, {@code total}...) and {@code documentLink}; logs the decision
 * ({@link AiDecisionMade}).
 * <p>
 * A document that is not in the inbox or cannot be read raises the BPMN error {@code DocumentUnreadable} with the reason
 * (also in {@code unreadableReason}). The readers and the extractor are looked up when used, so the server starts
 * without them; a missing one makes an incident that says so.
 */
@Component
public class ExtractInvoiceDelegate implements JavaDelegate {

    static final String DEFAULT_RESULT = INVOICE;

    private final ObjectProvider<Documents> documents;
    private final ObjectProvider<DocumentReader> reader;
    private final ObjectProvider<InvoiceExtractor> extractor;
    private final ObjectProvider<ModelRegistry> registry;
    private final ConfidenceThresholds thresholds;
    private final InvoiceFlowSettings settings;
    private final ApplicationEventPublisher events;

    public ExtractInvoiceDelegate(ObjectProvider<Documents> documents, ObjectProvider<DocumentReader> reader,
                                  ObjectProvider<InvoiceExtractor> extractor, ObjectProvider<ModelRegistry> registry,
                                  ConfidenceThresholds thresholds, InvoiceFlowSettings settings,
                                  ApplicationEventPublisher events) {
        this.documents = documents;
        this.reader = reader;
        this.extractor = extractor;
        this.registry = registry;
        this.thresholds = thresholds;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        String documentId = InvoiceVariables.string(execution, DOCUMENT_ID);
        if (documentId == null) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "' needs the variable or input parameter 'documentId' (see the Extract document template)");
        }
        String result = InvoiceVariables.string(execution, IN_RESULT_VARIABLE);
        result = result == null ? DEFAULT_RESULT : result;
        instance.setVariable(DOCUMENT_LINK, "/api/documents/" + documentId + "/content");

        Documents inbox = Beans.required(documents, Documents.class);
        StoredDocument stored = inbox.find(documentId).orElseThrow(() ->
                unreadable(instance, "Document " + documentId + " is not in the document inbox"));
        byte[] content = inbox.content(documentId);
        InvoiceFields fields;
        try {
            DocumentLayout layout = Beans.required(reader, DocumentReader.class).read(content, stored.mediaType());
            // The extractor reads an embedded e-invoice XML itself: a malformed amount or date there is unreadable too
            fields = Beans.required(extractor, InvoiceExtractor.class).extract(layout);
        } catch (UnreadableDocumentException e) {
            throw unreadable(instance, "Document " + documentId + " (" + stored.fileName() + ") cannot be read: "
                    + e.getMessage());
        }

        double threshold = thresholds.threshold(FIELDS_MODEL);
        Map<String, String> values = InvoiceVariables.asText(fields);
        List<String> unsure = new ArrayList<>();
        double lowest = 1.0;
        for (String field : settings.requiredFields()) {
            double confidence = values.get(field) == null ? 0.0 : fields.confidence().getOrDefault(field, 0.0);
            lowest = Math.min(lowest, confidence);
            if (confidence < threshold) {
                unsure.add(field);
            }
        }
        String fingerprint = sha256(content);
        InvoiceDecision decision = new InvoiceDecision(FIELDS_MODEL, version(), fields.source(),
                UUID.randomUUID().toString(), lowest, threshold, unsure, documentId, fingerprint, fields);

        instance.setVariable(result, decision.toVariable());
        instance.setVariable(result + CONFIDENT_SUFFIX, decision.confident());
        instance.setVariable(result + UNSURE_SUFFIX, String.join(", ", unsure));
        instance.setVariable(result + CONFIDENCE_TEXT_SUFFIX, confidenceText(fields, values, unsure));
        InvoiceVariables.write(instance, fields);
        if (execution.getVariable(SELLER_EMAIL) == null) {
            instance.setVariable(SELLER_EMAIL, "email".equals(stored.channel()) ? stored.sender() : null);
        }

        String output = values.entrySet().stream().filter(e -> e.getValue() != null)
                .filter(e -> settings.requiredFields().contains(e.getKey()) || "purchaseOrderRef".equals(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        events.publishEvent(new AiDecisionMade(decision.decisionId(), execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), ClassifyTextDelegate.processDefinitionKey(execution),
                execution.getCurrentActivityId(), FIELDS_MODEL, decision.version(), fingerprint, output, lowest,
                List.of(), "source " + fields.source() + (unsure.isEmpty() ? "" : "; unsure: " + String.join(", ",
                unsure)), ClockUtil.now().toInstant()));
    }

    private static BpmnError unreadable(DelegateExecution instance, String message) {
        instance.setVariable(UNREADABLE_REASON, message);
        return new BpmnError(InvoiceProcessingProcess.DOCUMENT_UNREADABLE, message);
    }

    /** The champion version of the extraction model when the registry tracks one, else 0. */
    private int version() {
        ModelRegistry r = registry.getIfAvailable();
        return r == null ? 0 : r.versions(FIELDS_MODEL).stream().filter(v -> "champion".equals(v.status()))
                .mapToInt(ModelVersion::version).max().orElse(0);
    }

    /** "invoiceNumber 98 %, total 61 % (unsure), sellerIban missing" for the verify form. */
    static String confidenceText(InvoiceFields fields, Map<String, String> values, List<String> unsure) {
        List<String> parts = new ArrayList<>();
        values.forEach((field, value) -> {
            if (value == null) {
                if (unsure.contains(field)) {
                    parts.add(field + " missing");
                }
                return;
            }
            parts.add(field + " " + AiDecision.percent(fields.confidence().getOrDefault(field, 0.0))
                    + (unsure.contains(field) ? " (unsure)" : ""));
        });
        return String.join(", ", parts);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
