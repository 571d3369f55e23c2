package io.stratum.orchestration;

import io.stratum.intelligence.ReplyDrafter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * Drafts a reply for the inquiry: input parameters {@code text} and {@code topic}; writes {@code reply} and
 * {@code replySource} on the process instance.
 */
@Component
public class DraftReplyDelegate implements JavaDelegate {

    private final ReplyDrafter drafter;

    public DraftReplyDelegate(ReplyDrafter drafter) {
        this.drafter = drafter;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object text = execution.getVariable(IN_TEXT);
        ReplyDrafter.DraftReply draft = drafter.draft(text == null ? "" : text.toString(),
                (String) execution.getVariable(TOPIC));
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(REPLY, draft.reply());
        instance.setVariable(REPLY_SOURCE, draft.source());
    }
}
