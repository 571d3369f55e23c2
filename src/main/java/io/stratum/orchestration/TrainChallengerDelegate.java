package io.stratum.orchestration;

import io.stratum.learning.ChampionChallenger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.ModelRetrainingProcess.Var.*;

/**
 * Task_TrainChallenger: trains and registers a challenger of {@code model}. Any failure propagates: the job
 * becomes an incident with the message, and the champion is untouched.
 */
@Component
public class TrainChallengerDelegate implements JavaDelegate {

    private final ChampionChallenger championChallenger;
    private final JobLockLease locks;

    public TrainChallengerDelegate(ChampionChallenger championChallenger) {
        this(championChallenger, JobLockLease.NONE);
    }

    @Autowired
    public TrainChallengerDelegate(ChampionChallenger championChallenger, JobLockLease locks) {
        this.championChallenger = championChallenger;
        this.locks = locks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String model = (String) execution.getVariable(MODEL);
        String actor = "retraining:" + execution.getVariable(REQUESTED_BY);
        ChampionChallenger.TrainedChallenger c;
        try (JobLockLease.Lease lease = locks.hold(execution)) { // training can outlast the job's lock time
            c = championChallenger.trainChallenger(model, actor);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Training a challenger for model '" + model + "' failed: "
                    + e.getMessage() + " (the champion keeps serving)", e);
        }
        execution.setVariable(CHALLENGER_VERSION, c.version());
        execution.setVariable(TRAINING_EXAMPLES, c.examples());
        execution.setVariable(FEEDBACK_EXAMPLES, c.feedbackExamples());
        execution.setVariable(HOLDOUT_FROM, c.holdoutFrom().toString());
        execution.setVariable(TRAINING_SECONDS, c.seconds());
    }
}
