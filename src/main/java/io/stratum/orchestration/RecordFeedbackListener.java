package io.stratum.orchestration;

import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * On completion of a review task, files the person's verdict on each reviewed AI decision: the user task's input
 * parameter {@code reviewedDecisions} ({@code "topicDecision=topic, urgencyDecision=urgency"}) says which decision
 * variable is compared with which submitted form field. Writes a {@link Feedback} per decision to the retraining
 * store (confirmations too, they are labels as well), publishes {@link AiDecisionReviewed}, and sets
 * {@code reviewedBy}. The reason comes from the form field {@code overrideReason}.
 */
@Component
public class RecordFeedbackListener implements TaskListener {

    static final String UNKNOWN_ACTOR = "unknown";

    private final RetrainingStore store;
    private final ApplicationEventPublisher events;

    public RecordFeedbackListener(RetrainingStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        Map<String, String> reviewed = ReviewedDecisions.parse(task.getVariable(IN_REVIEWED_DECISIONS),
                task.getTaskDefinitionKey());
        String actor = actor(task);
        Object reasonValue = task.getVariable(OVERRIDE_REASON);
        String reason = reasonValue == null || reasonValue.toString().isBlank() ? null : reasonValue.toString();
        String source = ClassifyTextDelegate.processDefinitionKey(task.getExecution()) + "/"
                + task.getTaskDefinitionKey();
        Instant now = ClockUtil.now().toInstant();

        reviewed.forEach((decisionVariable, field) -> {
            AiDecision decision = AiDecision.fromVariable(task.getVariableTyped(decisionVariable));
            if (decision == null) {
                return; // the model never decided (classification failed): nothing to compare against
            }
            Object finalValue = task.getVariable(field);
            String corrected = finalValue == null ? null : finalValue.toString();
            boolean spotCheck = Boolean.TRUE.equals(task.getVariable(decisionVariable + SPOT_CHECK_SUFFIX));
            store.record(new Feedback(UUID.randomUUID().toString(), decision.model(), decision.version(),
                    decision.input(), decision.label(), corrected, actor, reason, now,
                    spotCheck ? source + Feedback.SPOT_CHECK : source,
                    decision.decisionId(), task.getProcessInstanceId()));
            events.publishEvent(new AiDecisionReviewed(decision.decisionId(), task.getProcessInstanceId(),
                    decision.model(), decision.version(), decision.label(), corrected, actor, reason, now));
        });
        task.getExecution().getProcessInstance().setVariable(REVIEWED_BY, actor);
    }

    /** The assignee when the task was claimed, else whoever is authenticated against the engine. */
    private static String actor(DelegateTask task) {
        if (task.getAssignee() != null && !task.getAssignee().isBlank()) {
            return task.getAssignee();
        }
        Authentication authentication = task.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        return authentication != null && authentication.getUserId() != null
                ? authentication.getUserId() : UNKNOWN_ACTOR;
    }
}
