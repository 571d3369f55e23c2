package io.stratum.learning.bias;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BiasMonitorTests {

    static final List<String> KEYS = List.of("customerTier", "channel");

    /** n decisions of one tier: {@code favourable} of them "high", the rest "low"; the first {@code reviewed} are
     * reviewed, {@code overridden} of those changed by the reviewer. */
    static List<Observation> tier(String tier, int n, int favourable, int reviewed, int overridden) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ai = i < favourable ? "high" : "low";
            String fin = i >= reviewed ? null : i < overridden ? (ai.equals("high") ? "low" : "high") : ai;
            out.add(new Observation(1, Map.of("customerTier", tier, "channel", i % 2 == 0 ? "web" : "email"), ai,
                    fin));
        }
        return out;
    }

    @Test
    void ratesPerSegment() {
        List<Observation> obs = new ArrayList<>(tier("gold", 40, 20, 10, 2));
        BiasReport r = BiasMonitor.report("support-urgency", obs, KEYS, Set.of("high", "critical"), 0.8, 20);

        BiasReport.SegmentStats gold = segment(r, "customerTier", "gold");
        assertThat(gold.decisions()).isEqualTo(40);
        assertThat(gold.outcomeRates()).containsEntry("high", 0.5).containsEntry("low", 0.5);
        assertThat(gold.favourableRate()).isEqualTo(0.5);
        assertThat(gold.reviewed()).isEqualTo(10);
        assertThat(gold.overridden()).isEqualTo(2);
        // override rate over all decisions, error rate over the reviewed ones
        assertThat(gold.overrideRate()).isEqualTo(0.05);
        assertThat(gold.errorRate()).isEqualTo(0.2);
        assertThat(gold.judged()).isTrue();
        assertThat(gold.errorJudged()).isFalse();
        assertThat(segment(r, "channel", "web").decisions()).isEqualTo(20);
        assertThat(r.decisions()).isEqualTo(40);
        assertThat(r.reviewed()).isEqualTo(10);
    }

    @Test
    void fourFifthsRuleFlagsTheDisadvantagedSegmentOnly() {
        List<Observation> obs = new ArrayList<>();
        obs.addAll(tier("gold", 50, 25, 0, 0));    // 50 % favourable
        obs.addAll(tier("silver", 50, 21, 0, 0));  // 42 %: ratio 0.84, passes
        obs.addAll(tier("bronze", 50, 19, 0, 0));  // 38 %: ratio 0.76, flagged
        BiasReport r = BiasMonitor.report("support-urgency", obs, List.of("customerTier"), Set.of("high"), 0.8, 20);

        assertThat(r.flagged()).isTrue();
        assertThat(r.disparities()).singleElement().satisfies(d -> {
            assertThat(d.metric()).isEqualTo(BiasReport.FAVOURABLE_RATE);
            assertThat(d.segment()).isEqualTo("bronze");
            assertThat(d.reference()).isEqualTo("gold");
            assertThat(d.ratio()).isEqualTo(0.76);
        });
        assertThat(r.summary()).contains("FLAGGED").contains("customerTier=bronze");

        // the ratio is configurable: at 0.75 nobody is flagged
        assertThat(BiasMonitor.report("support-urgency", obs, List.of("customerTier"), Set.of("high"), 0.75, 20)
                .flagged()).isFalse();
    }

    @Test
    void exactlyFourFifthsPasses() {
        List<Observation> obs = new ArrayList<>(tier("gold", 20, 10, 0, 0));
        obs.addAll(tier("bronze", 20, 8, 0, 0));
        assertThat(BiasMonitor.report("m", obs, List.of("customerTier"), Set.of("high"), 0.8, 20).flagged())
                .isFalse();
    }

    @Test
    void smallSegmentsAreReportedButNotJudged() {
        List<Observation> obs = new ArrayList<>(tier("gold", 50, 25, 0, 0));
        obs.addAll(tier("bronze", 19, 0, 0, 0)); // nothing favourable, but only 19 decisions
        BiasReport r = BiasMonitor.report("m", obs, List.of("customerTier"), Set.of("high"), 0.8, 20);
        assertThat(r.flagged()).isFalse();
        assertThat(segment(r, "customerTier", "bronze").judged()).isFalse();
        assertThat(r.summary()).contains("passed");

        // the minimum is configurable
        assertThat(BiasMonitor.report("m", obs, List.of("customerTier"), Set.of("high"), 0.8, 10).flagged())
                .isTrue();
    }

    @Test
    void accuracyOnReviewedItemsIsHeldToTheRuleWithoutFavourableOutcomes() {
        List<Observation> obs = new ArrayList<>(tier("gold", 30, 10, 30, 3));   // accuracy 0.9
        obs.addAll(tier("bronze", 30, 10, 30, 9));                               // accuracy 0.7: 0.78 of gold
        BiasReport r = BiasMonitor.report("support-topic", obs, List.of("customerTier"), Set.of(), 0.8, 20);
        assertThat(segment(r, "customerTier", "gold").favourableRate()).isNull();
        assertThat(r.disparities()).singleElement().satisfies(d -> {
            assertThat(d.metric()).isEqualTo(BiasReport.ACCURACY);
            assertThat(d.segment()).isEqualTo("bronze");
            assertThat(d.rate()).isEqualTo(0.7);
            assertThat(d.referenceRate()).isEqualTo(0.9);
            assertThat(d.ratio()).isEqualTo(0.7778);
        });
    }

    @Test
    void unknownSegmentsAndZeroRatesAreNeverFlagged() {
        List<Observation> obs = new ArrayList<>(tier("gold", 30, 0, 0, 0));
        obs.addAll(tier("bronze", 30, 0, 0, 0));
        for (int i = 0; i < 30; i++) {
            obs.add(new Observation(1, Map.of(), "high", null));
        }
        BiasReport r = BiasMonitor.report("m", obs, List.of("customerTier"), Set.of("high"), 0.8, 20);
        BiasReport.SegmentStats unknown = segment(r, "customerTier", BiasMonitor.UNKNOWN);
        assertThat(unknown.decisions()).isEqualTo(30);
        assertThat(unknown.judged()).isFalse();
        assertThat(r.flagged()).isFalse(); // gold and bronze both 0 %: nobody is better off
    }

    @Test
    void noJudgeableSegmentIsNotConclusive() {
        BiasReport r = BiasMonitor.report("m", tier("gold", 5, 1, 5, 1), KEYS, Set.of(), 0.8, 20);
        assertThat(r.flagged()).isFalse();
        assertThat(r.summary()).contains("not conclusive");
    }

    static BiasReport.SegmentStats segment(BiasReport r, String key, String value) {
        return r.segments().stream().filter(s -> s.key().equals(key) && s.value().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no segment " + key + "=" + value + " in " + r.segments()));
    }
}
