package io.stratum.learning;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTests {

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
        Calibration.Threshold window = Calibration.window(conf, ok, weight, inWindow, automated, 0.98, 0);

        // Counted on the reviewed items alone, the mistake at 0.85 keeps the threshold above it
        assertThat(reviewedOnly.threshold()).isEqualTo(0.86);
        // Among all 220 inputs the unsure band is rare: counted as they came out, 210 of the 214 at or above 0.56
        // were right (98.1 %), one more wrong one at 0.55 would drop it under 98 %
        assertThat(window.threshold()).isEqualTo(0.56);
        assertThat(window.automationRate()).isCloseTo(214.0 / 220, within(1e-4));
        assertThat(window.precision()).isCloseTo(210.0 / 214, within(1e-4));
        assertThat(window.items()).isEqualTo(40);
        assertThat(window.basis()).contains("220 inputs").contains("40 reviewed").contains("180 unlabelled");

        // The same items outside the window only shape the fit: then the sure inputs alone are counted
        boolean[] outside = new boolean[40];
        Calibration.Threshold fitOnly = Calibration.window(conf, ok, weight, outside, automated, 0.98, 0);
        assertThat(fitOnly.threshold()).isEqualTo(0.97);
        assertThat(fitOnly.automationRate()).isEqualTo(1.0);
    }

    @Test
    void aLabelledWindowIsCountedExactlyNotSmoothedByTheFit() {
        // 0.9 wrong between right ones: the isotonic fit pools 0.7-0.9 at 2/3 and would put 0.9 above 85 %
        double[] conf = {0.99, 0.95, 0.9, 0.8, 0.7};
        boolean[] ok = {true, true, false, true, true};
        double[] weight = {1, 1, 1, 1, 1};
        boolean[] inWindow = {true, true, true, true, true};

        Calibration.Threshold window = Calibration.window(conf, ok, weight, inWindow, new double[0], 0.85, 0);

        // Counted as they are, 2 of 3 at or above 0.9 is under 85 %: the same as the reviewed items' own threshold
        assertThat(window.threshold()).isEqualTo(0.95);
        assertThat(window.threshold()).isEqualTo(Calibration.threshold(conf, ok, 0.85).threshold());
    }

    @Test
    void aWrongSpotCheckStandsForTheAutomatedDecisionsItWasDrawnFromAndTheBoundForItsUncertainty() {
        // Reviewed below 0.7 (all right); above, 400 automated inputs at 0.8-0.99 and 40 spot checks among them
        // (rate 0.1, weight 10), 1 wrong at 0.8: about 10 wrong among the ~440 confident decisions
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
            ok[reviewed + i] = i != 0;
            weight[reviewed + i] = 10;
            inWindow[reviewed + i] = true;
        }
        double[] automated = new double[400];
        for (int i = 0; i < 400; i++) {
            automated[i] = 0.8 + (i % 40) * 0.0045 + 0.0001;
        }

        Calibration.Threshold point = Calibration.window(conf, ok, weight, inWindow, automated, 0.98, 0);
        Calibration.Threshold bound = Calibration.window(conf, ok, weight, inWindow, automated, 0.98, 1.5);
        double[] unweighted = new double[reviewed + spot];
        java.util.Arrays.fill(unweighted, 1);
        Calibration.Threshold asOne = Calibration.window(conf, ok, unweighted, inWindow, automated, 0.98, 0);

        // The mistake at 0.8 stands for ten: at 0.8 about 430 of 440 right (97.7 %), under 98 %
        assertThat(point.threshold()).isGreaterThan(0.8);
        // Counted once it would pass (439 of 440 in the band) and let the threshold down to the reviewed band
        assertThat(asOne.threshold()).isLessThan(0.7);
        // Demanding the estimate 1.5 standard errors down keeps the threshold at least as high
        assertThat(bound.threshold()).isGreaterThanOrEqualTo(point.threshold());
    }

    @Test
    void isotonicAccuracyNeverFallsWithConfidence() {
        double[][] steps = Calibration.isotonic(new double[] {0.5, 0.6, 0.7, 0.8, 0.9},
                new boolean[] {true, false, false, true, true}, new double[] {1, 1, 1, 1, 1});
        // 0.5 right but 0.6 and 0.7 wrong: pooled to one block of 1/3
        assertThat(steps[0]).containsExactly(0.5, 1.0 / 3, 3.0);
        assertThat(Calibration.accuracyAt(steps, 0.3)).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(Calibration.accuracyAt(steps, 0.75)).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(Calibration.accuracyAt(steps, 0.95)).isEqualTo(1.0);
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
