package io.stratum.orchestration;

import io.stratum.learning.ChampionChallenger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.ModelRetrainingProcess.Var.*;

/** Task_PromoteChallenger: the approved challenger becomes champion (hot swap once this transaction commits). */
@Component
public class PromoteChallengerDelegate implements JavaDelegate {

    private final ChampionChallenger championChallenger;

    public PromoteChallengerDelegate(ChampionChallenger championChallenger) {
        this.championChallenger = championChallenger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        championChallenger.promote((String) execution.getVariable(MODEL),
                ((Number) execution.getVariable(CHALLENGER_VERSION)).intValue(), decidedBy(execution),
                (String) execution.getVariable(COMMENT),
                ((Number) execution.getVariable(CHAMPION_ACCURACY)).doubleValue(),
                ((Number) execution.getVariable(CHALLENGER_ACCURACY)).doubleValue());
    }

    /** The model owner who completed the approval (set by the task listener), else "retraining". */
    static String decidedBy(DelegateExecution execution) {
        Object v = execution.getVariable(DECIDED_BY);
        return v == null ? "retraining" : v.toString();
    }
}
