package io.stratum.orchestration;

import io.stratum.intelligence.ReplyDrafter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * Adds a reviewed inquiry (input parameter {@code text}, final {@code topic} and {@code reply}) to the reply drafter's
 * retrieval memory. Sits on the review path only, so the memory learns from replies people approved, not from its own.
 */
@Component
public class RememberReplyDelegate implements JavaDelegate {

    private final ReplyDrafter drafter;

    public RememberReplyDelegate(ReplyDrafter drafter) {
        this.drafter = drafter;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object text = execution.getVariable(IN_TEXT);
        Object reply = execution.getVariable(REPLY);
        if (reply == null || reply.toString().isBlank()) {
            return; // nothing approved to learn from
        }
        drafter.remember(text == null ? "" : text.toString(), (String) execution.getVariable(TOPIC),
                reply.toString());
    }
}
