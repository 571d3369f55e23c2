package io.stratum.orchestration;

import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.*;

/**
 * On completion of {@code VerifyInvoice}: reads the person's values (an unreadable date, amount or currency, or a
 * required field left empty, fails the completion with a message naming the field), writes them back normalised,
 * and files the verdict on the extraction like the generic review listener does: one {@link Feedback} per field that
 * was proposed or entered and one per line item, {@code lines[1]}... as "description | quantity | unit price |
 * amount" (model {@code invoice-fields}, decision id {@code <decisionId>/<field>}, confirmations too)
 * and one {@link AiDecisionReviewed} for the decision log. A field or line the person emptied is recorded as corrected
 * to "". Sets {@code verifiedBy}. Vendor memory is taught by the
 * next, asynchronous step (it re-reads the document).
 */
@Component
public class VerifyInvoiceListener implements TaskListener {

    static final String VERIFIED_SOURCE = "verified";
    /** The corrected value of a field the person emptied (the retraining store needs a value). */
    static final String CLEARED = "";

    private final RetrainingStore store;
    private final InvoiceFlowSettings settings;
    private final ApplicationEventPublisher events;

    public VerifyInvoiceListener(RetrainingStore store, InvoiceFlowSettings settings,
                                 ApplicationEventPublisher events) {
        this.store = store;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        InvoiceDecision proposal = InvoiceDecision.fromVariable(task.getVariableTyped(INVOICE));
        InvoiceFields verified = InvoiceVariables.read(task, proposal == null ? null : proposal.fields(),
                VERIFIED_SOURCE);
        Map<String, String> values = InvoiceVariables.asText(verified);
        for (String field : settings.requiredFields()) {
            if (values.get(field) == null) {
                throw new IllegalArgumentException(field + ": required to pay the invoice, please fill it in");
            }
        }
        String actor = TaskActors.actor(task);
        actor = actor == null ? RecordFeedbackListener.UNKNOWN_ACTOR : actor;
        String reason = InvoiceVariables.string(task, VERIFY_NOTE);
        DelegateExecution instance = task.getExecution().getProcessInstance();
        InvoiceVariables.write(instance, verified);
        instance.setVariable(VERIFIED_BY, actor);
        if (proposal == null) {
            return; // started at the verify task without an extraction: nothing to compare with
        }

        Map<String, String> proposed = InvoiceVariables.asTextWithLines(proposal.fields());
        Map<String, String> verifiedValues = InvoiceVariables.asTextWithLines(verified);
        for (String line : verifiedValues.keySet()) {
            proposed.putIfAbsent(line, null); // a line the person added
        }
        String source = ClassifyTextDelegate.processDefinitionKey(task.getExecution()) + "/"
                + task.getTaskDefinitionKey();
        Instant now = ClockUtil.now().toInstant();
        for (Map.Entry<String, String> e : proposed.entrySet()) {
            String field = e.getKey();
            if (e.getValue() == null && verifiedValues.get(field) == null) {
                continue;
            }
            store.record(new Feedback(UUID.randomUUID().toString(), proposal.model(), proposal.version(),
                    "document=" + proposal.documentId() + "; field=" + field, e.getValue(),
                    Objects.requireNonNullElse(verifiedValues.get(field), CLEARED), actor,
                    reason, now, source, proposal.decisionId() + "/" + field, task.getProcessInstanceId()));
        }
        Map<String, String[]> changes = InvoiceVariables.changes(proposal.fields(), verified);
        String before = changes.isEmpty() ? "confirmed" : changes.entrySet().stream()
                .map(c -> c.getKey() + "=" + Objects.toString(c.getValue()[0], "")).collect(Collectors.joining("; "));
        String after = changes.isEmpty() ? "confirmed" : changes.entrySet().stream()
                .map(c -> c.getKey() + "=" + Objects.toString(c.getValue()[1], "")).collect(Collectors.joining("; "));
        events.publishEvent(new AiDecisionReviewed(proposal.decisionId(), task.getProcessInstanceId(),
                proposal.model(), before, after, actor, reason, now));
    }
}
