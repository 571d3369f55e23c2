package io.stratum.intelligence.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The hold-out behind a head's metrics and temperatures: what it may contain, and what it may calibrate. */
class HeadTrainerTests {

    @Test
    void copiesOfOneTextAreNeverBothLearntAndJudged() {
        // Feedback counted three times, one inquiry imported twice: 40 distinct texts, 100 examples
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (int copy = 0; copy < (i % 2 == 0 ? 3 : 2); copy++) {
                texts.add("inquiry " + i);
            }
        }
        int[] y = texts.stream().mapToInt(t -> Integer.parseInt(t.substring(8)) % 4).toArray();

        int[][] split = HeadTrainer.stratifiedSplit(y, 4, 0.2, 42, HeadTrainer.sameText(texts));

        Set<String> learnt = new HashSet<>();
        Arrays.stream(split[0]).forEach(i -> learnt.add(texts.get(i)));
        Set<String> judged = new HashSet<>();
        Arrays.stream(split[1]).forEach(i -> judged.add(texts.get(i)));
        assertThat(judged).isNotEmpty().doesNotContainAnyElementsOf(learnt);
        assertThat(split[0].length + split[1].length).isEqualTo(texts.size());
        assertThat(judged).hasSize(8); // 20 % of each class's 10 distinct texts, with all their copies
    }

    @Test
    void aMixMaySharpenDownToItsFloorASingleHeadNotBelowOne() {
        // Logits whose honest temperature is 0.6: each item's class drawn from softmax(logits / 0.6)
        Random random = new Random(3);
        int n = 3000;
        double[][] logits = new double[n][];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            logits[i] = new double[] {random.nextGaussian() * 2, random.nextGaussian() * 2, random.nextGaussian() * 2};
            double[] p = TextModel.softmax(logits[i], 0.6);
            double u = random.nextDouble();
            truth[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }

        assertThat(HeadTrainer.fitTemperature(logits, truth, HeadTrainer.MIX_TEMPERATURE_FLOOR)).isBetween(0.52, 0.7);
        assertThat(HeadTrainer.fitTemperature(logits, truth, 1.0)).isEqualTo(1.0);
    }

    @Test
    void generatedExamplesDoNotSharpenTheMix() {
        // 1,200 distinct, separable examples of two topics (synthetic embeddings, one direction per topic): a
        // hold-out of them asks for the sharpest mix
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Random random = new Random(11);
        float[][] emb = new float[1200][8];
        for (int i = 0; i < 1200; i++) {
            boolean billing = i % 2 == 0;
            texts.add((billing ? "refund the charge on invoice " : "my parcel is late, tracking ") + i);
            labels.add(billing ? "billing" : "shipping");
            for (int d = 0; d < 8; d++) {
                emb[i][d] = (float) (random.nextGaussian() * 0.2);
            }
            emb[i][billing ? 0 : 1] += 1f;
        }
        TrainingConfig cfg = TrainingConfig.defaults().withEpochs(5).withHoldout(0.1).withRefit(false);

        HeadTrainer.Result real = HeadTrainer.train(texts, labels, emb, cfg);
        HeadTrainer.Result generated = HeadTrainer.train(texts, labels, emb, cfg, texts.size());
        HeadTrainer.Result mostlyGenerated = HeadTrainer.train(texts, labels, emb, cfg, 1000);

        assertThat((double) real.metrics().get("temperature")).isLessThan(1.0);
        assertThat((int) real.metrics().get("temperatureExamples")).isEqualTo(120);
        assertThat((double) generated.metrics().get("temperature")).isGreaterThanOrEqualTo(1.0);
        // 200 real examples leave ~20 in the hold-out: too few to sharpen on
        assertThat((double) mostlyGenerated.metrics().get("temperature")).isGreaterThanOrEqualTo(1.0);
    }
}
