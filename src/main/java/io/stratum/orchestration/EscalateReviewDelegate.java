package io.stratum.orchestration;

import io.stratum.action.Mailer;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.List;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * A review breached its SLA: raises the open review task's priority and mails the configured escalation address
 * (idempotency key {@code escalation:<inquiryId>}). The review task stays open (non-interrupting timer).
 */
@Component
public class EscalateReviewDelegate implements JavaDelegate {

    private final Mailer mailer;
    private final OrchestrationSettings settings;

    public EscalateReviewDelegate(Mailer mailer, OrchestrationSettings settings) {
        this.mailer = mailer;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TaskService taskService = execution.getProcessEngineServices().getTaskService();
        List<Task> open = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(SupportTriageProcess.Element.REVIEW_TRIAGE).list();
        for (Task task : open) {
            taskService.setPriority(task.getId(), Math.max(task.getPriority(), settings.escalatedTaskPriority()));
        }
        String inquiryId = (String) execution.getVariable(INQUIRY_ID);
        String assignee = open.stream().map(Task::getAssignee).filter(a -> a != null).findFirst().orElse("nobody");
        String subject = "Review overdue: " + execution.getVariable(SUBJECT);
        String body = "The triage review of inquiry " + inquiryId + " from " + execution.getVariable(FROM)
                + " has been open longer than its SLA (" + execution.getVariable(REVIEW_SLA) + ").\n"
                + "Priority: " + execution.getVariable(PRIORITY) + ", assignee: " + assignee + ".\n"
                + "It is waiting in Tasklist (candidate group approvers).";
        mailer.send("escalation:" + inquiryId, settings.escalationAddress(), subject, body);
        execution.setVariable(ESCALATED, true);
    }
}
