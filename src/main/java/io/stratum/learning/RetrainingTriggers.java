package io.stratum.learning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts retraining without a person: on the configured cron ({@code stratum.learning.schedule}) and when a model has
 * collected {@code retrain-after-feedback} records since its newest version was trained. A Spring schedule rather than a
 * BPMN timer start event, because a timer start cannot say which model to retrain. Starting is idempotent per model
 * (one running retraining each), so several nodes firing at once start one process.
 */
@Component
class RetrainingTriggers {

    private static final Logger log = LoggerFactory.getLogger(RetrainingTriggers.class);

    private final RetrainingWorkflow workflow;
    private final ChampionChallenger championChallenger;
    private final LearningSettings settings;

    RetrainingTriggers(RetrainingWorkflow workflow, ChampionChallenger championChallenger, LearningSettings settings) {
        this.workflow = workflow;
        this.championChallenger = championChallenger;
        this.settings = settings;
    }

    @Scheduled(cron = "${stratum.learning.schedule:-}")
    void onSchedule() {
        for (String model : settings.scheduledModels()) {
            start(model, "schedule");
        }
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${stratum.learning.trigger-check:PT1M}")
    void onFeedbackCount() {
        if (settings.retrainAfterFeedback() <= 0) {
            return;
        }
        for (String model : settings.scheduledModels()) {
            if (championChallenger.feedbackSinceLastTraining(model) >= settings.retrainAfterFeedback()
                    && championChallenger.feedbackCount(model) >= settings.minFeedback()) {
                start(model, "feedback-count");
            }
        }
    }

    private void start(String model, String trigger) {
        try {
            log.info("Retraining {} started by {}: process {}", model, trigger, workflow.start(model, trigger));
        } catch (RuntimeException e) {
            log.warn("Cannot start retraining of {} ({}): {}", model, trigger, e.getMessage());
        }
    }
}
