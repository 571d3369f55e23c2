package io.stratum.orchestration;

import io.stratum.learning.ChampionChallenger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.ModelRetrainingProcess.Var.*;

/** Task_ArchiveChallenger: the challenger is retired, with the reason (verdict or the model owner's comment). */
@Component
public class ArchiveChallengerDelegate implements JavaDelegate {

    private final ChampionChallenger championChallenger;

    public ArchiveChallengerDelegate(ChampionChallenger championChallenger) {
        this.championChallenger = championChallenger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean rejected = execution.getVariable(DECISION) != null;
        String reason = rejected
                ? "rejected by the model owner: " + execution.getVariable(COMMENT)
                : (String) execution.getVariable(VERDICT);
        championChallenger.archive((String) execution.getVariable(MODEL),
                ((Number) execution.getVariable(CHALLENGER_VERSION)).intValue(),
                rejected ? PromoteChallengerDelegate.decidedBy(execution) : "retraining", reason);
    }
}
