package io.stratum.orchestration;

import io.stratum.action.Mailer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send e-mail": a generic step configured by input parameters {@code to}, {@code subject}, {@code body} and
 * optionally {@code idempotencyKey}. Without a key, the process instance and activity make one (and, in a
 * multi-instance step, the instance's {@code loopCounter}: one mail per recipient, not one in all), so a retried job
 * mails once; a step reached again by a loop must give its own key. Goes through the outbox ({@link Mailer}), which
 * sends each key once.
 */
@Component
public class SendEmailDelegate implements JavaDelegate {

    static final String IN_TO = "to";
    static final String IN_SUBJECT = "subject";
    static final String IN_BODY = "body";
    static final String IN_IDEMPOTENCY_KEY = "idempotencyKey";

    private final Mailer mailer;

    public SendEmailDelegate(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object to = execution.getVariable(IN_TO);
        if (to == null || to.toString().isBlank()) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "' needs the input parameter 'to' (see the Send e-mail element template)");
        }
        Object key = execution.getVariable(IN_IDEMPOTENCY_KEY);
        Object loopCounter = execution.getVariableLocal("loopCounter");
        String idempotencyKey = key == null || key.toString().isBlank()
                ? "mail:" + execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId()
                        + (loopCounter == null ? "" : ":" + loopCounter)
                : key.toString();
        Object subject = execution.getVariable(IN_SUBJECT);
        Object body = execution.getVariable(IN_BODY);
        mailer.send(idempotencyKey, to.toString(), subject == null ? "" : subject.toString(),
                body == null ? "" : body.toString());
    }
}
