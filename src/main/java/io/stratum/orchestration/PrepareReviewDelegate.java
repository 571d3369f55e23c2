package io.stratum.orchestration;

import io.stratum.ingestion.InquiryProgress;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * Prepares a review of AI decisions, configured by the input parameter {@code reviewedDecisions}
 * ({@code "topicDecision=topic, ..."}): for each decision that exists, pre-fills the form field with the AI's label
 * (unless already set) and writes {@code proposed<Field>}, {@code proposed<Field>Confidence} ("83 %") and
 * {@code proposed<Field>Alternatives} for display. Sets {@code reviewSla} (ISO-8601 duration) from the DMN's
 * {@code slaHours}, else the configured default, and reports status REVIEW.
 */
@Component
public class PrepareReviewDelegate implements JavaDelegate {

    private final InquiryProgress progress;
    private final OrchestrationSettings settings;

    public PrepareReviewDelegate(InquiryProgress progress, OrchestrationSettings settings) {
        this.progress = progress;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        Map<String, String> reviewed = ReviewedDecisions.parse(execution.getVariable(IN_REVIEWED_DECISIONS),
                execution.getCurrentActivityId());
        reviewed.forEach((decisionVariable, field) -> {
            AiDecision decision = AiDecision.fromVariable(execution.getVariableTyped(decisionVariable));
            String proposed = ReviewedDecisions.proposed(field);
            if (decision == null) {
                instance.setVariable(proposed, null);
                return;
            }
            if (execution.getVariable(field) == null) {
                instance.setVariable(field, decision.label());
            }
            instance.setVariable(proposed, decision.label());
            instance.setVariable(proposed + "Confidence", AiDecision.percent(decision.confidence()));
            instance.setVariable(proposed + "Alternatives", decision.alternativesAsText());
        });
        if (execution.getVariable(AI_FAILED) == null) {
            instance.setVariable(AI_FAILED, false);
        }
        Object slaHours = execution.getVariable(SLA_HOURS);
        String sla = slaHours instanceof Number hours && hours.longValue() > 0
                ? "PT" + hours.longValue() + "H"
                : settings.defaultReviewSla().toString();
        instance.setVariable(REVIEW_SLA, sla);
        progress.status((String) execution.getVariable(INQUIRY_ID), SupportTriageProcess.Status.REVIEW);
    }
}
