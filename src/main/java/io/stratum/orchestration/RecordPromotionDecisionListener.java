package io.stratum.orchestration;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.ModelRetrainingProcess.Var.DECIDED_BY;

/** On completion of ApproveModelPromotion: who decided (assignee, else the authenticated user) for the audit. */
@Component
public class RecordPromotionDecisionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String actor = task.getAssignee();
        if (actor == null || actor.isBlank()) {
            Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            actor = auth != null && auth.getUserId() != null ? auth.getUserId() : RecordFeedbackListener.UNKNOWN_ACTOR;
        }
        task.getExecution().setVariable(DECIDED_BY, actor);
    }
}
