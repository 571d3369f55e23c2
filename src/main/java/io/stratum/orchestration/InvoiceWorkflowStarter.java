package io.stratum.orchestration;

import io.stratum.ingestion.document.InvoiceWorkflow;
import io.stratum.ingestion.document.StoredDocument;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Starts the invoice process of an accepted document: business key = document id, variable {@code documentId}.
 * Idempotent like {@link TriageWorkflow}: an instance with that business key, running or finished, is returned
 * instead of a new one. Runs without the caller's Camunda authentication: starting is the inbox's act, and an
 * uploader needs no process permissions (Spring Security guards the upload).
 */
@Component
public class InvoiceWorkflowStarter implements InvoiceWorkflow {

    static final String PROCESS_KEY = "invoice-processing";
    static final String DOCUMENT_ID = "documentId";

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final IdentityService identityService;

    public InvoiceWorkflowStarter(RuntimeService runtimeService, HistoryService historyService,
                                  IdentityService identityService) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.identityService = identityService;
    }

    @Override
    public String start(StoredDocument document) {
        if (document == null || document.id() == null || document.id().isBlank()) {
            throw new IllegalArgumentException("A document needs an id to start its invoice process");
        }
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return findOrStart(document.id());
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    private String findOrStart(String documentId) {
        List<ProcessInstance> running = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(documentId).listPage(0, 1);
        if (!running.isEmpty()) {
            return running.get(0).getId();
        }
        List<HistoricProcessInstance> earlier = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(documentId)
                .orderByProcessInstanceStartTime().asc().listPage(0, 1);
        if (!earlier.isEmpty()) {
            return earlier.get(0).getId();
        }
        return runtimeService.startProcessInstanceByKey(PROCESS_KEY, documentId,
                Variables.createVariables().putValue(DOCUMENT_ID, documentId)).getId();
    }
}
