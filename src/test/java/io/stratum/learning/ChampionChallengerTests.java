package io.stratum.learning;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The promotion rule and the time-aware split, without models (those run in ModelRetrainingEndToEndTests). */
class ChampionChallengerTests {

    final LearningSettings settings = new LearningSettings(0.01, 0.05, 5, 0.2, 10, 3, 0, "-", List.of(), 0.98);
    final ChampionChallenger cc = new ChampionChallenger(null, null, null, null, settings, null, null);

    @Test
    void betterByMarginWithNoSegmentWorseIsPromotable() {
        ChampionChallenger.Evaluation e = cc.judge("m", 1, 2, 100, 0.80, 0.85, List.of(
                new ChampionChallenger.Segment("billing", 50, 0.8, 0.9, true),
                new ChampionChallenger.Segment("account", 50, 0.8, 0.78, true)));
        assertThat(e.better()).isTrue();
        assertThat(e.verdict()).contains("is better").contains("80.0 % -> 85.0 %");
    }

    @Test
    void aSegmentWorseThanTheToleranceBlocksPromotionEvenWhenOverallIsBetter() {
        ChampionChallenger.Evaluation e = cc.judge("m", 1, 2, 100, 0.80, 0.90, List.of(
                new ChampionChallenger.Segment("billing", 50, 0.8, 1.0, true),
                new ChampionChallenger.Segment("account", 50, 0.8, 0.7, true),
                new ChampionChallenger.Segment("rare", 2, 1.0, 0.0, false)));
        assertThat(e.better()).isFalse();
        assertThat(e.verdict()).contains("worse segments: account 80.0 % -> 70.0 %").doesNotContain("rare");
    }

    @Test
    void lessThanTheMarginIsNotEnough() {
        ChampionChallenger.Evaluation e = cc.judge("m", 1, 2, 100, 0.80, 0.805, List.of());
        assertThat(e.better()).isFalse();
        assertThat(e.verdict()).contains("needs +1.0 %");
    }

    @Test
    void holdOutIsTheNewestFeedbackAndTrainingNeverSeesIt() {
        List<Feedback> feedback = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 20; i++) {
            feedback.add(new Feedback("f" + i, "m", 1, "text " + i, "a", "b", "x", null, t.plusSeconds(i), "review",
                    null, null));
        }
        ChampionChallenger.Split split = cc.split(feedback);
        assertThat(split.holdout()).extracting(Feedback::id).containsExactly("f16", "f17", "f18", "f19");
        assertThat(split.train()).hasSize(16).noneMatch(f -> !f.at().isBefore(split.holdoutFrom()));
        assertThatThrownBy(() -> cc.split(feedback.subList(0, 9))).isInstanceOf(InsufficientFeedbackException.class)
                .hasMessageContaining("at least 10");
    }
}
