package io.stratum.orchestration;

import io.stratum.action.Mailer;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * A visit was not confirmed in time: raises the open ConfirmVisit task to the top of Tasklist and mails the dispatch
 * leads (idempotency key {@code maintenance-escalation:<case>}). The task stays open (non-interrupting timer).
 */
@Component
public class EscalateConfirmationDelegate implements JavaDelegate {

    static final int ESCALATED_PRIORITY = 90;

    private final Mailer mailer;
    private final MaintenanceSettings settings;

    public EscalateConfirmationDelegate(Mailer mailer, MaintenanceSettings settings) {
        this.mailer = mailer;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task t : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(PredictiveMaintenanceProcess.Element.CONFIRM_VISIT).list()) {
            tasks.setPriority(t.getId(), Math.max(t.getPriority(), ESCALATED_PRIORITY));
        }
        String body = "The visit to " + execution.getVariable(ASSET_NAME) + " (" + execution.getVariable(ASSET_ID)
                + ") has not been confirmed within " + execution.getVariable(CONFIRM_WITHIN) + ".\n"
                + "Failure probability: " + execution.getVariable(MAX_FAILURE_PROBABILITY) + ", likely mode: "
                + execution.getVariable(FAILURE_MODE) + ", critical: " + execution.getVariable(CRITICAL) + ".\n"
                + "It waits in Tasklist (Confirm visit, group dispatchers).";
        mailer.send("maintenance-escalation:" + execution.getProcessInstanceId(), settings.dispatcherAddress(),
                "Visit not confirmed: " + execution.getVariable(ASSET_NAME), body);
        execution.setVariable(ESCALATED, true);
    }
}
