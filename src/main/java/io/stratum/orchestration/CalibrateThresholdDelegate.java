package io.stratum.orchestration;

import io.stratum.learning.AutomationThreshold;
import io.stratum.learning.ChampionChallenger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.stratum.orchestration.ModelRetrainingProcess.Var.*;

/**
 * Task_CalibrateThreshold: derives the promoted version's automation threshold on the hold-out it never trained on
 * and puts it in force (or keeps the configured one, saying why). Runs in its own job after the promotion committed:
 * a failure here is an incident, and the new champion serves with the configured threshold meanwhile. Models without
 * a confidence gate (the failure model, the invoice field model) keep their own decision rule: nothing to calibrate.
 */
@Component
public class CalibrateThresholdDelegate implements JavaDelegate {

    static final String NOT_APPLICABLE = "not-applicable";

    private final AutomationThreshold thresholds;
    private final ChampionChallenger championChallenger;

    public CalibrateThresholdDelegate(AutomationThreshold thresholds, ChampionChallenger championChallenger) {
        this.thresholds = thresholds;
        this.championChallenger = championChallenger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String model = (String) execution.getVariable(MODEL);
        int version = ((Number) execution.getVariable(CHALLENGER_VERSION)).intValue();
        if (!championChallenger.calibratesThreshold(model)) {
            execution.setVariable(THRESHOLD_SOURCE, NOT_APPLICABLE);
            execution.setVariable(THRESHOLD_NOTE, "model '" + model + "' is not a text classifier: it has no "
                    + "automation threshold to calibrate");
            return;
        }
        AutomationThreshold.InForce t = thresholds.calibrate(model, version,
                Instant.parse((String) execution.getVariable(HOLDOUT_FROM)),
                "retraining:" + PromoteChallengerDelegate.decidedBy(execution));
        execution.setVariable(THRESHOLD, t.threshold());
        execution.setVariable(THRESHOLD_SOURCE, t.source());
        execution.setVariable(THRESHOLD_NOTE, t.note());
    }
}
