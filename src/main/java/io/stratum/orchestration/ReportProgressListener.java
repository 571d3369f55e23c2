package io.stratum.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.ingestion.InquiryProgress;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * Tells ingestion that the inquiry was triaged, with the triage as JSON (topic and urgency decisions, priority,
 * SLA, team). Bound in the BPMN as an expression listener,
 * {@code ${reportProgressListener.triaged(execution, 'CLASSIFIED')}}, so the status is visible in the model.
 */
@Component
public class ReportProgressListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InquiryProgress progress;

    public ReportProgressListener(InquiryProgress progress) {
        this.progress = progress;
    }

    public void triaged(DelegateExecution execution, String status) {
        ObjectNode triage = JSON.createObjectNode();
        for (String decisionVariable : new String[] {TOPIC_DECISION, URGENCY_DECISION}) {
            AiDecision decision = AiDecision.fromVariable(execution.getVariableTyped(decisionVariable));
            if (decision != null) {
                JsonNode node = JSON.valueToTree(decision);
                ((ObjectNode) node).remove("input"); // ingestion has the text already
                triage.set(decisionVariable.replace("Decision", ""), node);
            }
        }
        triage.put(PRIORITY, (String) execution.getVariable(PRIORITY));
        Object sla = execution.getVariable(SLA_HOURS);
        if (sla instanceof Number hours) {
            triage.put(SLA_HOURS, hours.intValue());
        }
        triage.put(TEAM, (String) execution.getVariable(TEAM));
        Object confident = execution.getVariable(TOPIC_DECISION + CONFIDENT_SUFFIX);
        Object urgencyConfident = execution.getVariable(URGENCY_DECISION + CONFIDENT_SUFFIX);
        triage.put("confident", Boolean.TRUE.equals(confident) && Boolean.TRUE.equals(urgencyConfident));
        progress.triaged((String) execution.getVariable(INQUIRY_ID), status, triage.toString());
    }
}
