package io.stratum.learning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTests {

    /** A prior worth one labelled item: the fit follows the labels (these tests are about the fit itself). */
    private static final double WEAK = 1;
    /** The shipped stratum.learning.calibration-prior. */
    private static final double SHIPPED = 1000;

    @Test
    void thresholdIsTheLowestConfidenceThatKeepsTheTargetPrecision() {
        // Given ten reviewed decisions: right above 0.8, two wrong ones at 0.75 and 0.6
        double[] conf = {0.99, 0.97, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5};
        boolean[] ok = {true, true, true, true, true, true, false, true, false, true};

        // When a threshold for 98 % and for 80 % precision is derived
        Calibration.Threshold strict = Calibration.threshold(conf, ok, 0.98);
        Calibration.Threshold loose = Calibration.threshold(conf, ok, 0.8);

        // Then 98 % stops above the first mistake, 80 % automates everything (8/10 right)
        assertThat(strict.threshold()).isEqualTo(0.8);
        assertThat(strict.precision()).isEqualTo(1.0);
        assertThat(strict.automationRate()).isEqualTo(0.6);
        assertThat(loose.threshold()).isEqualTo(0.5);
        assertThat(loose.precision()).isEqualTo(0.8);
    }

    @Test
    void spotChecksWeighedByTheirSamplingRateLowerAThresholdTheReviewedBandAloneWouldKeepHigh() {
        // Reviewed (below the old threshold 0.9, weight 1): 0.85 right, 0.8 wrong, 0.75 and 0.7 right.
        // Spot checks of automated decisions (sampled at 2 %, weight 50): both right.
        double[] conf = {0.99, 0.95, 0.85, 0.8, 0.75, 0.7};
        boolean[] ok = {true, true, true, false, true, true};
        double[] weight = {50, 50, 1, 1, 1, 1};

        Calibration.Threshold weighted = Calibration.threshold(conf, ok, weight, 0.98);
        Calibration.Threshold reviewedOnly = Calibration.threshold(conf, ok, 0.98);

        // Then one mistake in 104 decisions (99 %) is within 98 %: everything can be automated
        assertThat(weighted.threshold()).isEqualTo(0.7);
        assertThat(weighted.precision()).isCloseTo(103.0 / 104, within(1e-4));
        assertThat(weighted.automationRate()).isEqualTo(1.0);
        // Counted per reviewed item, the same mistake is 1 in 4 of the band and keeps the threshold above it
        assertThat(reviewedOnly.threshold()).isEqualTo(0.85);
    }

    @Test
    void overTheWindowReviewedInputsCountAsTheirOutcomeAndAutomatedOnesByTheFit() {
        // Reviewed items crowd the unsure end: 0.95-0.99 all right, 0.7-0.9 right 9 times in 10, 0.5-0.6 wrong half
        double[] conf = new double[40];
        boolean[] ok = new boolean[40];
        for (int i = 0; i < 40; i++) {
            conf[i] = i < 10 ? 0.95 + i * 0.004 : i < 30 ? 0.7 + (i - 10) * 0.01 : 0.5 + (i - 30) * 0.01;
            ok[i] = i < 10 || (i < 30 ? i % 10 != 5 : i % 2 == 0);
        }
        double[] weight = new double[40];
        java.util.Arrays.fill(weight, 1);
        boolean[] inWindow = new boolean[40];
        java.util.Arrays.fill(inWindow, true);
        // The window's other 180 inputs were automated: the model was sure of them (0.97)
        double[] automated = new double[180];
        java.util.Arrays.fill(automated, 0.97);

        Calibration.Threshold reviewedOnly = Calibration.threshold(conf, ok, weight, 0.98);
        Calibration.Threshold window = Calibration.window(conf, ok, weight, inWindow, automated, 0.98, 0, WEAK);

        // Counted on the reviewed items alone, the mistake at 0.85 keeps the threshold above it
        assertThat(reviewedOnly.threshold()).isEqualTo(0.86);
        // Among all 220 inputs the unsure band is rare: 28 of the 30 reviewed at or above 0.7 were right and the 180
        // automated ones count by the fit at 0.97 (99.3 %), so 98.4 %; the band below (0.5-0.59, half wrong) would
        // drop it under 98 %
        assertThat(window.threshold()).isEqualTo(0.7);
        assertThat(window.automationRate()).isCloseTo(210.0 / 220, within(1e-4));
        assertThat(window.precision()).isBetween(0.98, 0.99);
        assertThat(window.items()).isEqualTo(40);
        assertThat(window.basis()).contains("220 inputs").contains("40 reviewed").contains("180 unlabelled")
                .contains("logistic");

        // The same items outside the window only shape the fit: then the sure inputs alone are counted
        boolean[] outside = new boolean[40];
        Calibration.Threshold fitOnly = Calibration.window(conf, ok, weight, outside, automated, 0.98, 0, WEAK);
        assertThat(fitOnly.threshold()).isEqualTo(0.97);
        assertThat(fitOnly.automationRate()).isEqualTo(1.0);
    }

    @Test
    void aLabelledWindowIsCountedExactlyNotSmoothedByTheFit() {
        // 0.9 wrong between right ones: a fit over all five would smooth it over
        double[] conf = {0.99, 0.95, 0.9, 0.8, 0.7};
        boolean[] ok = {true, true, false, true, true};
        double[] weight = {1, 1, 1, 1, 1};
        boolean[] inWindow = {true, true, true, true, true};

        Calibration.Threshold window = Calibration.window(conf, ok, weight, inWindow, new double[0], 0.85, 0, WEAK);

        // Counted as they are, 2 of 3 at or above 0.9 is under 85 %: the same as the reviewed items' own threshold
        assertThat(window.threshold()).isEqualTo(0.95);
        assertThat(window.threshold()).isEqualTo(Calibration.threshold(conf, ok, 0.85).threshold());
    }

    @Test
    void wrongSpotChecksStandForTheAutomatedDecisionsTheyWereDrawnFromAndTheBoundForTheirUncertainty() {
        // Reviewed below 0.7 (all right); above, 400 automated inputs at 0.8-0.98 and 40 spot checks among them
        // (rate 0.1, weight 10), 2 wrong (at 0.8 and 0.89): about 20 wrong among the ~440 confident decisions
        int reviewed = 60;
        int spot = 40;
        double[] conf = new double[reviewed + spot];
        boolean[] ok = new boolean[reviewed + spot];
        double[] weight = new double[reviewed + spot];
        boolean[] inWindow = new boolean[reviewed + spot];
        for (int i = 0; i < reviewed; i++) {
            conf[i] = 0.5 + i * 0.003;
            ok[i] = true;
            weight[i] = 1;
            inWindow[i] = true;
        }
        for (int i = 0; i < spot; i++) {
            conf[reviewed + i] = 0.8 + i * 0.0045;
            ok[reviewed + i] = i != 0 && i != 20;
            weight[reviewed + i] = 10;
            inWindow[reviewed + i] = true;
        }
        double[] automated = new double[400];
        for (int i = 0; i < 400; i++) {
            automated[i] = 0.8 + (i % 40) * 0.0045 + 0.0001;
        }

        Calibration.Threshold point = Calibration.window(conf, ok, weight, inWindow, automated, 0.98, 0, WEAK);
        Calibration.Threshold bound = Calibration.window(conf, ok, weight, inWindow, automated, 0.98, 1.5, WEAK);
        double[] unweighted = new double[reviewed + spot];
        java.util.Arrays.fill(unweighted, 1);
        Calibration.Threshold asOne = Calibration.window(conf, ok, unweighted, inWindow, automated, 0.98, 0, WEAK);

        // Each mistake stands for ten in the fit: the band where they fell (0.8-0.9) is not automated
        assertThat(point.threshold()).isGreaterThan(0.9);
        // Counted once, they would let the threshold further down
        assertThat(asOne.threshold()).isLessThan(point.threshold());
        // Demanding the estimate 1.5 standard errors down keeps the threshold at least as high
        assertThat(bound.threshold()).isGreaterThanOrEqualTo(point.threshold());
    }

    @Test
    void oneWrongSpotCheckNearTheTopDoesNotHoldTheThresholdAboveIt() {
        // Feedback as a model gives it: right with probability sigmoid(1.3 logit(c) + 1.2) at confidence c (77 % at
        // 0.5, 95 % at 0.8, 99.4 % at 0.95), so 98 % precision needs about 0.8. Reviewed: 400 inputs at 0.3-0.7;
        // automated: 1,500 at 0.7-0.999, every tenth spot-checked (rate 0.1, weight 10); the spot check at 0.993 wrong
        SpotChecked w = SpotChecked.of(0.3, 0.7, 0.999, (c, i) -> rightAt(c, i) && i != 1470);

        Calibration.Threshold t = w.threshold(WEAK);

        // Then the threshold stays near 0.8, a little above for the bound. (Estimated per confidence band, with
        // the wrong spot check's residual times ten, it went to 0.9932, just above that one mistake.)
        assertThat(t.threshold()).isBetween(0.78, 0.9);
    }

    @Test
    void theAccuracyFitRecoversHowOftenTheModelIsRightAtEachConfidence() {
        double[] conf = new double[2000];
        boolean[] ok = new boolean[2000];
        double[] weight = new double[2000];
        for (int i = 0; i < 2000; i++) {
            conf[i] = round4(0.3 + 0.699 * i / 1999);
            ok[i] = rightAt(conf[i], i);
            weight[i] = 1;
        }

        double[] fit = Calibration.logisticFit(conf, ok, weight, WEAK);

        assertThat(Calibration.fittedAccuracy(fit, 0.5)).isCloseTo(0.7685, within(0.01));
        assertThat(Calibration.fittedAccuracy(fit, 0.8)).isCloseTo(0.9527, within(0.01));
        assertThat(Calibration.fittedAccuracy(fit, 0.95)).isCloseTo(0.9935, within(0.005));
    }

    @Test
    void withoutAWrongAnswerTheFitStaysFiniteAndBelowCertainty() {
        double[] fit = Calibration.logisticFit(new double[] {0.6, 0.7, 0.9}, new boolean[] {true, true, true},
                new double[] {1, 1, 1}, WEAK);

        assertThat(Double.isFinite(fit[0]) && Double.isFinite(fit[1])).isTrue();
        assertThat(Calibration.fittedAccuracy(fit, 0.9)).isLessThan(1.0)
                .isGreaterThan(Calibration.fittedAccuracy(fit, 0.6));
    }

    @Test
    void withTheShippedPriorAFewUnluckySpotChecksMoveAnHonestModelsFitLittle() {
        // An honest model (right with probability c at confidence c): 600 reviewed inputs at 0.5-0.95 and 150 spot
        // checks (weight 10) among the automated ones at 0.95-0.9999; unlucky: three more of the checks wrong
        Window lucky = honestWindow(0);
        Window unlucky = honestWindow(3);

        double weakSwing = lucky.fitted(WEAK, 0.99) - unlucky.fitted(WEAK, 0.99);
        double shippedSwing = lucky.fitted(SHIPPED, 0.99) - unlucky.fitted(SHIPPED, 0.99);

        // Three wrong answers stand for thirty wrong decisions: the weak prior's fit drops ~3 points at 0.99 for
        // them, the shipped one under a point
        assertThat(weakSwing).isGreaterThan(0.02);
        assertThat(shippedSwing).isGreaterThan(0).isLessThan(weakSwing / 3);
    }

    @Test
    void theShippedPriorDoesNotTalkAnOverConfidentModelIntoAutomating() {
        // Over-confident: right with sigmoid(logit(c) - 1.5), e.g. 95.6 % at 0.99; 400 reviewed at 0.3-0.9 and 1,500
        // automated at 0.9-0.999, every tenth spot-checked
        SpotChecked w = SpotChecked.of(0.3, 0.9, 0.999, (c, i) -> (i * 0.6180339887) % 1.0 < overConfident(c));

        Double t = w.threshold(SHIPPED).threshold();

        // What it automates (the inputs at or above t) is truly right 98 % of the time or more
        double right = 0;
        int taken = 0;
        for (double c : w.automated()) {
            if (t != null && c >= t) {
                right += overConfident(c);
                taken++;
            }
        }
        assertThat(t).isNotNull();
        assertThat(taken).isPositive();
        assertThat(right / taken).isGreaterThanOrEqualTo(0.98);
    }

    /**
     * A window as calibration sees it: 400 reviewed inputs evenly over [{@code reviewedFrom}, {@code automatedFrom}),
     * 1,500 automated ones over [{@code automatedFrom}, {@code automatedTo}) of which every tenth was spot-checked
     * (rate 0.1, weight 10); {@code right}: whether the i-th reviewed or the i-th automated input was answered right at
     * confidence c.
     */
    private record SpotChecked(double[] confidence, boolean[] correct, double[] weight, double[] automated) {
        static SpotChecked of(double reviewedFrom, double automatedFrom, double automatedTo,
                              java.util.function.BiPredicate<Double, Integer> right) {
            List<Double> conf = new ArrayList<>();
            List<Boolean> ok = new ArrayList<>();
            List<Double> weight = new ArrayList<>();
            List<Double> automated = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                double c = round4(reviewedFrom + (automatedFrom - reviewedFrom) * i / 400);
                conf.add(c);
                ok.add(right.test(c, i));
                weight.add(1.0);
            }
            for (int i = 0; i < 1500; i++) {
                double c = round4(automatedFrom + (automatedTo - automatedFrom) * i / 1500);
                if (i % 10 == 0) {
                    conf.add(c);
                    ok.add(right.test(c, i));
                    weight.add(10.0);
                } else {
                    automated.add(c);
                }
            }
            return new SpotChecked(toArray(conf), toBooleans(ok), toArray(weight), toArray(automated));
        }

        Calibration.Threshold threshold(double prior) {
            boolean[] inWindow = new boolean[confidence.length];
            java.util.Arrays.fill(inWindow, true);
            return Calibration.window(confidence, correct, weight, inWindow, automated, 0.98, 1.5, prior);
        }
    }

    private static double overConfident(double c) {
        return 1 / (1 + Math.exp(-(Math.log(c / (1 - c)) - 1.5)));
    }

    /** An honest model's labelled window, with {@code extraWrong} of its top spot checks wrong that were right. */
    private static Window honestWindow(int extraWrong) {
        List<Double> conf = new ArrayList<>();
        List<Boolean> ok = new ArrayList<>();
        List<Double> weight = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double c = round4(0.5 + 0.45 * i / 600);
            conf.add(c);
            ok.add((i * 0.6180339887) % 1.0 < c);
            weight.add(1.0);
        }
        int flipped = 0;
        for (int i = 1490; i >= 0; i -= 10) {
            double c = round4(0.95 + 0.0499 * i / 1500);
            boolean right = (i * 0.6180339887) % 1.0 < c;
            if (right && flipped < extraWrong) {
                right = false;
                flipped++;
            }
            conf.add(c);
            ok.add(right);
            weight.add(10.0);
        }
        return new Window(toArray(conf), toBooleans(ok), toArray(weight));
    }

    private record Window(double[] confidence, boolean[] correct, double[] weight) {
        double fitted(double prior, double at) {
            return Calibration.fittedAccuracy(Calibration.logisticFit(confidence, correct, weight, prior), at);
        }
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static boolean[] toBooleans(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Whether the i-th decision at confidence c is right, for a model right with sigmoid(1.3 logit(c) + 1.2). */
    private static boolean rightAt(double c, int i) {
        double accuracy = 1 / (1 + Math.exp(-(1.3 * Math.log(c / (1 - c)) + 1.2)));
        return (i * 0.6180339887) % 1.0 < accuracy; // evenly spread, no random seed to depend on
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    @Test
    void noThresholdWhenEvenTheMostConfidentDecisionIsWrong() {
        assertThat(Calibration.threshold(new double[] {0.9, 0.8}, new boolean[] {false, true}, 0.98).threshold())
                .isNull();
    }

    @Test
    void psiIsZeroForTheSameDistributionAndGrowsWithDrift() {
        double[] training = {0.95, 0.96, 0.97, 0.98, 0.99, 0.9, 0.92, 0.94, 0.6, 0.7};
        assertThat(Calibration.psi(training, training, 10)).isCloseTo(0, within(1e-9));
        double[] drifted = {0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.4, 0.45, 0.9, 0.95};
        assertThat(Calibration.psi(training, drifted, 10)).isGreaterThan(0.25);
    }

    @Test
    void aDerivedThresholdIsPutInForceOnlyWithinTheGuardRails() {
        // Enough items: the derived value, lower than the configured one, is used
        Calibration.Decision lower = Calibration.decide(0.85, new Calibration.Threshold(0.62, 0.981, 0.8, 400), 200,
                0.5);
        assertThat(lower.threshold()).isEqualTo(0.62);
        assertThat(lower.source()).isEqualTo("derived");

        // Too few items: lowering is refused, raising is allowed
        Calibration.Decision few = Calibration.decide(0.85, new Calibration.Threshold(0.62, 1.0, 0.8, 40), 200, 0.5);
        assertThat(few.threshold()).isEqualTo(0.85);
        assertThat(few.source()).isEqualTo("configured");
        assertThat(few.note()).contains("needs at least 200");
        Calibration.Decision raise = Calibration.decide(0.85, new Calibration.Threshold(0.93, 0.98, 0.3, 40), 200,
                0.5);
        assertThat(raise.threshold()).isEqualTo(0.93);
        assertThat(raise.source()).isEqualTo("derived");

        // Never below the floor; nothing derivable keeps the configured value
        assertThat(Calibration.decide(0.85, new Calibration.Threshold(0.2, 0.99, 1.0, 1000), 200, 0.5).threshold())
                .isEqualTo(0.5);
        Calibration.Decision none = Calibration.decide(0.85, new Calibration.Threshold(null, 0, 0, 300), 200, 0.5);
        assertThat(none.threshold()).isEqualTo(0.85);
        assertThat(none.note()).contains("no threshold reaches");
    }
}
