package io.stratum.learning.bias;

import io.stratum.learning.Feedback;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BiasGateTests {

    static BiasSettings settings(boolean block) {
        return new BiasSettings(List.of("customerTier"), 0.8, 20, Map.of("support-urgency", Set.of("high")), block);
    }

    /** A gate whose challenger answers are given: 30 gold items all right, 30 bronze items 60 % right. */
    static BiasGate gateWithFixedAnswers(boolean block) {
        SegmentLookup lookup = (ids, keys) -> {
            Map<String, Map<String, String>> out = new java.util.HashMap<>();
            ids.forEach(id -> out.put(id, Map.of("customerTier", id.startsWith("g") ? "gold" : "bronze")));
            return out;
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("lookup", lookup));
        return new BiasGate(null, null, null, settings(block), beans.getBeanProvider(SegmentLookup.class)) {
            @Override
            public BiasReport checkChallenger(String model, int version, Instant holdoutFrom) {
                List<Feedback> holdout = new ArrayList<>();
                List<String> predicted = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    boolean gold = i < 30;
                    holdout.add(new Feedback("f" + i, model, 1, "text " + i, "low", "low", "approver", null,
                            Instant.EPOCH, "review", "d" + i, (gold ? "g" : "b") + i));
                    predicted.add(gold || i < 48 ? "low" : "high");
                }
                return BiasMonitor.report(model, observations(holdout, predicted, version), settings(block));
            }
        };
    }

    @Test
    void segmentsComeFromTheLookupByProcessInstance() {
        BiasReport r = gateWithFixedAnswers(false).checkChallenger("support-topic", 2, Instant.EPOCH);
        assertThat(r.segments()).extracting(BiasReport.SegmentStats::value).containsExactly("bronze", "gold");
        assertThat(r.disparities()).singleElement().satisfies(d -> {
            assertThat(d.metric()).isEqualTo(BiasReport.ACCURACY);
            assertThat(d.segment()).isEqualTo("bronze");
            assertThat(d.rate()).isEqualTo(0.6);
        });
    }

    @Test
    void aFlaggedChallengerReachesTheApproverWithTheFlagInTheVerdict() {
        BiasGate.Gate g = gateWithFixedAnswers(false).apply("support-topic", 2, Instant.EPOCH, true, "better");
        assertThat(g.better()).isTrue();
        assertThat(g.flagged()).isTrue();
        assertThat(g.verdict()).startsWith("better\n").contains("Bias check FLAGGED")
                .contains("customerTier=bronze");
    }

    @Test
    void withBlockPromotionAFlaggedChallengerIsNotOffered() {
        BiasGate.Gate g = gateWithFixedAnswers(true).apply("support-topic", 2, Instant.EPOCH, true, "better");
        assertThat(g.better()).isFalse();
        assertThat(g.verdict()).contains("not offered for promotion");
    }

    @Test
    void aChallengerThatIsNotBetterIsNotChecked() {
        BiasGate.Gate g = gateWithFixedAnswers(true).apply("support-topic", 2, Instant.EPOCH, false, "worse");
        assertThat(g).isEqualTo(new BiasGate.Gate(false, "worse", false, null));
    }
}
