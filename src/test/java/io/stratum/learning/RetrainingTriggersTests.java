package io.stratum.learning;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The two triggers that start retraining without a person: the cron schedule and N new feedback records. */
class RetrainingTriggersTests {

    final List<String> started = new ArrayList<>();
    final RetrainingWorkflow workflow = (model, trigger) -> {
        started.add(model + " by " + trigger);
        return "pi-" + started.size();
    };
    final ChampionChallenger championChallenger = mock(ChampionChallenger.class);

    @Test
    void theScheduleRetrainsEveryScheduledModel() throws Exception {
        RetrainingTriggers triggers = new RetrainingTriggers(workflow, championChallenger,
                settings(0, "0 0 2 * * SUN"));
        triggers.onSchedule();
        assertThat(started).containsExactly("support-topic by schedule", "support-urgency by schedule");

        // The method fires on the configured cron (a valid Spring cron: Sundays at 02:00)
        Scheduled scheduled = RetrainingTriggers.class.getDeclaredMethod("onSchedule").getAnnotation(Scheduled.class);
        assertThat(scheduled.cron()).isEqualTo("${stratum.learning.schedule:-}");
        assertThat(CronExpression.parse("0 0 2 * * SUN").next(LocalDateTime.parse("2026-11-26T12:00:00")))
                .isEqualTo(LocalDateTime.parse("2026-11-29T02:00:00"));
    }

    @Test
    void enoughNewFeedbackStartsARetrainingOfThatModelOnly() {
        when(championChallenger.feedbackSinceLastTraining("support-topic")).thenReturn(50L);
        when(championChallenger.feedbackCount("support-topic")).thenReturn(300L);
        when(championChallenger.feedbackSinceLastTraining("support-urgency")).thenReturn(49L);
        when(championChallenger.feedbackCount("support-urgency")).thenReturn(300L);

        new RetrainingTriggers(workflow, championChallenger, settings(50, "-")).onFeedbackCount();

        assertThat(started).containsExactly("support-topic by feedback-count");
    }

    @Test
    void theFeedbackTriggerIsOffAtZeroAndWaitsForTheMinimumFeedback() {
        when(championChallenger.feedbackSinceLastTraining("support-topic")).thenReturn(500L);
        when(championChallenger.feedbackCount("support-topic")).thenReturn(5L);

        new RetrainingTriggers(workflow, championChallenger, settings(0, "-")).onFeedbackCount();
        new RetrainingTriggers(workflow, championChallenger, settings(3, "-")).onFeedbackCount();

        assertThat(started).isEmpty(); // off, then too few records in all (min-feedback 20) for a fair hold-out
    }

    @Test
    void aFailingStartIsLoggedAndDoesNotStopTheOtherModels() {
        RetrainingWorkflow failing = (model, trigger) -> {
            if (model.equals("support-topic")) {
                throw new IllegalStateException("engine down");
            }
            started.add(model);
            return "pi";
        };
        new RetrainingTriggers(failing, championChallenger, settings(0, "-")).onSchedule();
        assertThat(started).containsExactly("support-urgency");
    }

    private static LearningSettings settings(int retrainAfterFeedback, String schedule) {
        return new LearningSettings(0.01, 0.05, 5, 0.2, 20, 3, retrainAfterFeedback, schedule,
                List.of("support-topic", "support-urgency"), 0.98, true, 200, 0.5, Duration.ofMinutes(10), 0, 0, 0.01, 1000);
    }
}
