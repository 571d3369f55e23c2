package io.stratum.orchestration;

import io.stratum.ingestion.Inquiry;
import io.stratum.ingestion.InquiryWorkflow;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Function;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * Starts the support-triage process for an inquiry, with the inquiry id as business key. Idempotent: when an instance
 * with that business key exists, running or finished (history), its id is returned and nothing new starts.
 * The process continues asynchronously after the start event, so this returns as soon as the instance is stored.
 * <p>
 * Starting a triage is the inbox's act, not the caller's: it runs without the caller's Camunda authentication, so
 * the idempotency check sees every instance and an intake user needs no process permissions (Spring Security
 * already guards the intake endpoint).
 */
@Component
public class TriageWorkflow implements InquiryWorkflow {

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final IdentityService identityService;

    public TriageWorkflow(RuntimeService runtimeService, HistoryService historyService,
                          IdentityService identityService) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.identityService = identityService;
    }

    @Override
    public String start(Inquiry inquiry) {
        return withoutCaller(inquiry, this::findOrStart);
    }

    /** No look-up: ingestion knows that no start was ever tried for this inquiry. */
    @Override
    public String startFirst(Inquiry inquiry) {
        return withoutCaller(inquiry, this::startInstance);
    }

    private String withoutCaller(Inquiry inquiry, Function<Inquiry, String> action) {
        if (inquiry == null || inquiry.id() == null || inquiry.id().isBlank()) {
            throw new IllegalArgumentException("An inquiry needs an id to start its triage");
        }
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return action.apply(inquiry);
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    private String findOrStart(Inquiry inquiry) {
        List<ProcessInstance> running = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(SupportTriageProcess.KEY).processInstanceBusinessKey(inquiry.id())
                .listPage(0, 1);
        if (!running.isEmpty()) {
            return running.get(0).getId();
        }
        List<HistoricProcessInstance> earlier = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(SupportTriageProcess.KEY).processInstanceBusinessKey(inquiry.id())
                .orderByProcessInstanceStartTime().asc().listPage(0, 1);
        if (!earlier.isEmpty()) {
            return earlier.get(0).getId();
        }
        return startInstance(inquiry);
    }

    private String startInstance(Inquiry inquiry) {
        VariableMap variables = Variables.createVariables()
                .putValue(INQUIRY_ID, inquiry.id())
                .putValue(CHANNEL, inquiry.channel())
                .putValue(FROM, inquiry.from())
                .putValue(SUBJECT, clip(inquiry.subject(), MAX_SUBJECT))
                .putValue(BODY, clip(inquiry.body(), MAX_BODY));
        // Absent rather than null when the sender named none: Load customer sets it once resolved, and an empty
        // variable would cost a history row and a change row for nothing.
        if (inquiry.customerId() != null) {
            variables.putValue(CUSTOMER_ID, inquiry.customerId());
        }
        return runtimeService.startProcessInstanceByKey(SupportTriageProcess.KEY, inquiry.id(), variables).getId();
    }

    /**
     * Camunda stores string variables in a VARCHAR(4000) column, and the classify steps build "subject\nbody" as one
     * such variable; so both are clipped to fit together. The full text stays in the inbox (by inquiry id).
     */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - CLIPPED.length()) + CLIPPED;
    }

    static final int MAX_SUBJECT = 500;
    static final int MAX_BODY = 3400;
    private static final String CLIPPED = " [... clipped; full text in the inbox]";
}
