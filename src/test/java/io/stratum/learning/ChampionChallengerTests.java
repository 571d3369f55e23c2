package io.stratum.learning;

import org.junit.jupiter.api.Test;

import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import io.stratum.intelligence.UnknownModelException;
import org.springframework.context.ApplicationEventPublisher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The promotion rule, the time-aware split and what a text retraining trains on, without models (those run in
 * ModelRetrainingEndToEndTests).
 */
class ChampionChallengerTests {

    final LearningSettings settings = new LearningSettings(0.01, 0.05, 5, 0.2, 10, 3, 0, "-", List.of(), 0.98,
            true, 200, 0.5, Duration.ofMinutes(10), 0, 0, 0.01, 1000);
    final ModelRegistry registry = mock(ModelRegistry.class);
    final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    final ChampionChallenger cc = new ChampionChallenger(registry, null, settings, events, List.of());

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

    @Test
    void aTextModelIsEvaluatedWithoutTheHoldOutAndServesARefitThatLearntIt() throws Exception {
        List<Feedback> feedback = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 20; i++) {
            feedback.add(new Feedback("f" + i, "m", 1, "text " + i, "a", "b", "x", null, t.plusSeconds(i), "review",
                    null, null));
        }
        RetrainingStore store = mock(RetrainingStore.class);
        when(store.allFeedback("m")).thenReturn(feedback);
        // A text kind that records what each of its trainings was given
        ModelKind text = mock(ModelKind.class);
        when(text.handles("m")).thenReturn(true);
        when(text.kind()).thenReturn("text");
        when(text.servesRefit()).thenReturn(true);
        when(text.usable(any())).thenCallRealMethod();
        when(text.train(eq("m"), any(), any(), any())).thenAnswer(call -> {
            List<Feedback> fb = call.getArgument(1);
            Path artefact = call.getArgument(2);
            Files.createDirectories(artefact);
            Files.writeString(artefact.resolve("trained-on"), String.join(",", fb.stream().map(Feedback::id).toList()));
            return new ModelKind.Training(fb.size(), Map.of("accuracy", 0.9), fb.size() + " feedback");
        });
        ChampionChallenger training = new ChampionChallenger(registry, store, settings, events, List.of(text));
        ModelVersion v1 = new ModelVersion("m", 1, ModelVersion.CHAMPION, "/models/m/1", Map.of(), "bootstrap",
                t, "system", t, "system");
        when(registry.versions("m")).thenReturn(List.of(v1));
        Map<String, String> registered = new HashMap<>();
        when(registry.register(eq("m"), any(Path.class), any(), anyString(), anyString(), eq(false)))
                .thenAnswer(call -> {
                    Path dir = call.getArgument(1);
                    registered.put("served", Files.readString(dir.resolve("trained-on")));
                    registered.put("evaluated", Files.readString(dir.resolve(ModelRegistry.EVALUATION_DIR)
                            .resolve("trained-on")));
                    registered.put("trainingData", call.getArgument(3));
                    Map<String, Object> metrics = call.getArgument(2);
                    registered.put("holdoutFrom", String.valueOf(metrics.get("holdoutFrom")));
                    registered.put("servedFeedbackExamples", String.valueOf(metrics.get("servedFeedbackExamples")));
                    return new ModelVersion("m", 2, "challenger", "/models/m/2", metrics, call.getArgument(3), t,
                            "demo", null, null);
                });

        ChampionChallenger.TrainedChallenger c = training.trainChallenger("m", "demo");

        assertThat(c.holdoutSize()).isEqualTo(4);
        assertThat(registered.get("evaluated")).as("the model scored and calibrated on the hold-out never saw it")
                .isEqualTo("f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13,f14,f15");
        assertThat(registered.get("served")).as("the model that serves learnt the newest feedback too")
                .endsWith("f15,f16,f17,f18,f19").startsWith("f0,");
        assertThat(registered.get("holdoutFrom")).isEqualTo(t.plusSeconds(16).toString());
        assertThat(registered.get("servedFeedbackExamples")).isEqualTo("20");
        assertThat(registered.get("trainingData")).contains("serves the same with the hold-out (20 feedback)");
    }

    @Test
    void theSplitIsByTimeNotByArrivalAndRecordsAtTheBoundaryAllGoToTheHoldOut() {
        // Given feedback delivered out of time order, with three records sharing the boundary time
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<Feedback> feedback = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            Instant at = i >= 7 ? t.plusSeconds(7) : t.plusSeconds(i);
            feedback.add(new Feedback("f" + i, "m", 1, "text " + i, "a", "b", "x", null, at, "review", null, null));
        }

        // When the newest 20 % are held out
        ChampionChallenger.Split split = ChampionChallenger.split(feedback, 0.2, 5);

        // Then the hold-out starts at the newest time, takes all three records of that time, and training is older
        assertThat(split.holdoutFrom()).isEqualTo(t.plusSeconds(7));
        assertThat(split.holdout()).extracting(Feedback::id).containsExactlyInAnyOrder("f7", "f8", "f9");
        assertThat(split.train()).extracting(Feedback::id)
                .containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "f6");
    }

    @Test
    void rollbackRestoresTheNewestEarlierChampionAndIsAnnounced() {
        // Given v1 (served), v2 (archived challenger, never served), v3 champion
        when(registry.versions("m")).thenReturn(List.of(version(1, ModelVersion.RETIRED, true),
                version(2, ModelVersion.RETIRED, false), version(3, ModelVersion.CHAMPION, true)));

        // When an admin rolls back without naming a version
        int restored = cc.rollback("m", null, "demo", "v3 misroutes refunds");

        // Then v1 serves again (v2 never served) and the rollback is published for the decision log
        assertThat(restored).isEqualTo(1);
        verify(registry).promote("m", 1, "demo");
        verify(events).publishEvent(org.mockito.ArgumentMatchers.<Object>argThat(e -> e instanceof ModelRolledBack r
                && r.fromVersion() == 3 && r.toVersion() == 1 && r.actor().equals("demo")
                && r.reason().equals("v3 misroutes refunds")));
    }

    @Test
    void rollbackRefusesUnknownVersionsVersionsThatNeverServedAndTheServingOne() {
        when(registry.versions("m")).thenReturn(List.of(version(1, ModelVersion.RETIRED, true),
                version(2, ModelVersion.RETIRED, false), version(3, ModelVersion.CHAMPION, true)));
        when(registry.versions("nope")).thenReturn(List.of());

        assertThatThrownBy(() -> cc.rollback("m", 9, "demo", null)).isInstanceOf(UnknownModelVersionException.class)
                .hasMessageContaining("has no version 9");
        assertThatThrownBy(() -> cc.rollback("m", 2, "demo", null)).isInstanceOf(RollbackNotPossibleException.class)
                .hasMessageContaining("never served");
        assertThatThrownBy(() -> cc.rollback("m", 3, "demo", null)).isInstanceOf(RollbackNotPossibleException.class)
                .hasMessageContaining("already the champion");
        assertThatThrownBy(() -> cc.rollback("nope", null, "demo", null)).isInstanceOf(UnknownModelException.class);
        when(registry.versions("m")).thenReturn(List.of(version(1, ModelVersion.CHAMPION, true)));
        assertThatThrownBy(() -> cc.rollback("m", null, "demo", null)).isInstanceOf(RollbackNotPossibleException.class)
                .hasMessageContaining("no earlier version");
        verify(registry, never()).promote(anyString(), anyInt(), anyString());
        verify(events, never()).publishEvent(any(Object.class));
    }

    private static ModelVersion version(int v, String status, boolean served) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(v * 60L);
        return new ModelVersion("m", v, status, "/models/m/" + v, java.util.Map.of(), "data", t, "x",
                served ? t : null, served ? "x" : null);
    }
}
