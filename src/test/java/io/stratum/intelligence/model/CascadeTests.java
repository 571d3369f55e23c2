package io.stratum.intelligence.model;

import io.stratum.intelligence.ClassificationException;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.text.EncoderModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The cascade of a COMBINED model, trained for real (DJL) on a small two-topic set with synthetic embeddings:
 * sure n-gram answers must skip the encoder (here: there is none, so touching it would fail), unsure ones must not.
 */
class CascadeTests {

    static final List<String> BILLING = List.of("I was charged twice, please refund me",
            "refund the double payment on my invoice", "why is my invoice higher this month",
            "the payment was taken twice from my card", "please refund the charge", "wrong amount on my invoice");
    static final List<String> SHIPPING = List.of("my parcel has not arrived yet", "the tracking of my parcel shows nothing",
            "when will my delivery arrive", "the courier lost my parcel", "delivery is late again",
            "where is my parcel, tracking says in transit");
    static final List<String> texts = new ArrayList<>();
    static final List<String> labels = new ArrayList<>();
    static float[][] emb;
    static TrainingConfig config;
    static HeadTrainer.Result trained;

    @BeforeAll
    static void train() {
        for (int r = 0; r < 10; r++) {
            BILLING.forEach(t -> {
                texts.add(t);
                labels.add("billing");
            });
            SHIPPING.forEach(t -> {
                texts.add(t);
                labels.add("shipping");
            });
        }
        // Embeddings: one direction per topic plus noise, like sentence vectors of two clusters.
        Random random = new Random(7);
        emb = new float[texts.size()][16];
        for (int i = 0; i < emb.length; i++) {
            for (int d = 0; d < 16; d++) {
                emb[i][d] = (float) (random.nextGaussian() * 0.3);
            }
            emb[i][labels.get(i).equals("billing") ? 0 : 1] += 1f;
        }
        config = TrainingConfig.defaults().withEpochs(30).withLearningRate(0.05f).withHoldout(0.2)
                .withCascadeThreshold(0.9);
        trained = HeadTrainer.train(texts, labels, emb, config);
    }

    @Test
    void sureAnswersSkipTheEncoder() {
        TextModel model = trained.model();
        assertThat(model.cascades()).isTrue();
        // no encoder at all: a cascaded answer must not need one
        Prediction p = TextPipeline.predict("m", 1, model, null, "please refund the double charge on my invoice");
        assertThat(p.label()).isEqualTo("billing");
        assertThat(p.confidence()).isGreaterThanOrEqualTo(0.9);
        assertThat(p.explanation()).contains("n-gram model alone").contains("words '");
        List<Prediction> all = TextPipeline.predictAll("m", 1, model, null,
                List.of("my parcel has not arrived", "refund my payment please"));
        assertThat(all).extracting(Prediction::label).containsExactly("shipping", "billing");
    }

    @Test
    void unsureAnswersAndDisabledCascadeNeedTheEmbedding() {
        TextModel model = trained.model();
        // words the model never saw: the n-gram expert is at its prior, far from sure
        assertThat(model.probabilitiesWithoutEmbedding(model.sparse("zzq vvx"))).isNull();
        TextModel off = model.withCascadeThreshold(TextModel.NO_CASCADE);
        assertThat(off.cascades()).isFalse();
        assertThat(off.probabilitiesWithoutEmbedding(off.sparse("please refund the double charge"))).isNull();
        // a threshold no probability reaches sends everything to the full model
        assertThat(model.withCascadeThreshold(1.0).probabilitiesWithoutEmbedding(model.sparse("zzq"))).isNull();
    }

    @Test
    void cascadedProbabilitiesAreTheNgramExpertsCalibratedOnes() {
        TextModel model = trained.model();
        var sparse = model.sparse("the courier lost my parcel");
        double[] cheap = model.probabilitiesWithoutEmbedding(sparse);
        assertThat(cheap).isNotNull();
        assertThat(cheap).containsExactly(TextModel.softmax(model.hashedLogits(sparse), model.hashedTemperature()),
                within(1e-12));
        assertThat(cheap[0] + cheap[1]).isCloseTo(1.0, within(1e-9));
        assertThat(model.hashedTemperature()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void trainingReportsTheCascadeOnTheHoldout() {
        Map<String, Object> m = trained.metrics();
        assertThat(m).containsKeys("cascadeShare", "cascadeAccuracy", "hashedTemperature");
        assertThat((Double) m.get("cascadeShare")).isBetween(0.0, 1.0);
    }

    @Test
    void refitTrainsTheFinalWeightsOnAllExamplesAndKeepsTheHoldoutCalibration() {
        // 12 distinct texts ten times each: 20 % of each topic's 6 texts, 1, with its ten copies is held out
        assertThat(trained.metrics()).containsEntry("refit", true).containsEntry("trainExamples", 120)
                .containsEntry("holdoutExamples", 20);
        HeadTrainer.Result once = HeadTrainer.train(texts, labels, emb, config.withRefit(false));
        assertThat(once.metrics()).containsEntry("refit", false).containsEntry("trainExamples", 100);
        // same hold-out, so the same calibration and metrics; different (refitted) weights
        assertThat(once.model().temperature()).isEqualTo(trained.model().temperature());
        assertThat(once.model().hashedTemperature()).isEqualTo(trained.model().hashedTemperature());
        assertThat(once.metrics().get("accuracy")).isEqualTo(trained.metrics().get("accuracy"));
        var sparse = trained.model().sparse("my parcel has not arrived");
        assertThat(once.model().probabilities(once.model().sparse("my parcel has not arrived"), emb[0]))
                .isNotEqualTo(trained.model().probabilities(sparse, emb[0]));
    }

    @Test
    void theSameSeedGivesTheSameModelThoughTheRefitTrainsOnItsOwnThread() {
        HeadTrainer.Result again = HeadTrainer.train(texts, labels, emb, config);
        var sparse = trained.model().sparse("my parcel has not arrived");
        assertThat(again.model().probabilities(again.model().sparse("my parcel has not arrived"), emb[3]))
                .containsExactly(trained.model().probabilities(sparse, emb[3]));
        assertThat(again.model().hashedTemperature()).isEqualTo(trained.model().hashedTemperature());
    }

    @Test
    void cascadeMetricsCountCheapAndFullAnswers() {
        // three inputs: the n-gram expert is sure and right, sure and wrong, unsure (full model right)
        double[][] hashed = {{5, 0}, {0, 5}, {0.1, 0}};
        double[][] full = {{2, 0}, {2, 0}, {0, 2}};
        int[] truth = {0, 0, 1};
        Map<String, Object> m = HeadTrainer.cascadeMetrics(full, hashed, truth, 1.0, 1.0, 0.9);
        assertThat(m.get("cascadeShare")).isEqualTo(0.6667);
        assertThat(m.get("cascadeAccuracy")).isEqualTo(0.6667);
        assertThat(m.get("cascadedAnswersAccuracy")).isEqualTo(0.5);
        assertThat(m.get("fullModelOnCascadedAccuracy")).isEqualTo(1.0);
    }

    @Test
    void theNeighbourVoteJoinsTheFullModelButNotTheCascade() {
        TextModel withoutVote = HeadTrainer.train(texts, labels, emb, config.withNeighbourWeight(0)).model();
        var sparse = trained.model().sparse("my parcel has not arrived");
        // same seed, so the same experts: the n-gram stage is identical, the full model is not
        assertThat(withoutVote.probabilitiesWithoutEmbedding(sparse))
                .containsExactly(trained.model().probabilitiesWithoutEmbedding(sparse));
        assertThat(withoutVote.logits(sparse, emb[0])).isNotEqualTo(trained.model().logits(sparse, emb[0]));
    }

    @Test
    void cascadeSettingsSurviveSaveAndLoad() throws Exception {
        Path dir = Files.createTempDirectory("stratum-cascade");
        trained.model().withCascadeThreshold(0.95).withEncoder(EncoderModel.MINILM_INT8).save(dir);
        TextModel copy = TextModel.load(dir);
        assertThat(copy.encoder()).isEqualTo(EncoderModel.MINILM_INT8);
        assertThat(copy.cascadeThreshold()).isEqualTo(0.95);
        assertThat(copy.hashedTemperature()).isEqualTo(trained.model().hashedTemperature());
        var sparse = copy.sparse("my parcel has not arrived");
        assertThat(copy.probabilitiesWithoutEmbedding(sparse))
                .containsExactly(trained.model().withCascadeThreshold(0.95).probabilitiesWithoutEmbedding(sparse));
        // the full model, neighbour vote included, is the same after loading
        assertThat(copy.probabilities(sparse, emb[3])).containsExactly(trained.model().probabilities(sparse, emb[3]));
    }

    @Test
    void aModelThatUsesEmbeddingsIsSavedOnlyWithItsEncoderAndServedOnlyByIt() throws Exception {
        Path dir = Files.createTempDirectory("stratum-encoder");
        assertThatThrownBy(() -> trained.model().save(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withEncoder");
        TextModel recorded = trained.model().withEncoder(EncoderModel.MINILM_INT8);
        // an input the n-gram expert is unsure of needs the embedding: not from an encoder the model never saw
        assertThatThrownBy(() -> TextPipeline.predict("m", 1, recorded, null, "zzq vvx"))
                .isInstanceOf(ClassificationException.class)
                .hasMessageContaining("trained on all-minilm-l6-v2-q sentence embeddings");
        assertThatThrownBy(() -> TextPipeline.predictAll("m", 1, recorded, null, List.of("zzq vvx")))
                .isInstanceOf(ClassificationException.class);
        // a model without embeddings records none
        TextModel hashed = HeadTrainer.train(texts, labels, null, config.withFeatures(FeatureSet.HASHED)).model();
        assertThat(hashed.withEncoder(EncoderModel.MINILM_INT8).encoder()).isNull();
    }

    /** Versions saved before models recorded their encoder were all trained on the float MiniLM. */
    @Test
    void aModelSavedBeforeEncodersWereRecordedLoadsAsTheFloatEncoders() throws Exception {
        Path v4 = Files.createTempDirectory("stratum-v4");
        trained.model().withEncoder(EncoderModel.MINILM_INT8).save(v4);
        Path v3 = Files.createTempDirectory("stratum-v3");
        Files.copy(v4.resolve("labels.txt"), v3.resolve("labels.txt"));
        // weights.bin as version 3 wrote it: its magic, and no encoder after the five mixing settings
        try (DataInputStream in = new DataInputStream(Files.newInputStream(v4.resolve("weights.bin")));
             DataOutputStream out = new DataOutputStream(Files.newOutputStream(v3.resolve("weights.bin")))) {
            assertThat(in.readUTF()).isEqualTo("stratum-text-model-4");
            out.writeUTF("stratum-text-model-3");
            out.writeUTF(in.readUTF());
            for (int i = 0; i < 3; i++) {
                out.writeInt(in.readInt());
            }
            for (int i = 0; i < 5; i++) {
                out.writeDouble(in.readDouble());
            }
            assertThat(in.readUTF()).isEqualTo("all-minilm-l6-v2-q");
            in.transferTo(out);
        }
        TextModel old = TextModel.load(v3);
        assertThat(old.encoder()).isEqualTo(EncoderModel.MINILM);
        var sparse = old.sparse("my parcel has not arrived");
        assertThat(old.probabilities(sparse, emb[3])).containsExactly(trained.model().probabilities(sparse, emb[3]));
    }

    @Test
    void aFitHoldsNoMoreNativeArraysAfterManyEpochsThanAfterOne() {
        // Every batch's intermediate arrays once stayed attached to the fit's manager until the fit ended: native
        // memory grew with examples x epochs (~46,000 arrays, 1.1 GB more for 10,000 BANKING77 texts)
        List<Integer> arraysPerEpoch = new java.util.concurrent.CopyOnWriteArrayList<>();
        HeadTrainer.epochProbe = arraysPerEpoch::add;
        try {
            HeadTrainer.train(texts, labels, emb, config.withEpochs(8).withRefit(false));
        } finally {
            HeadTrainer.epochProbe = null;
        }

        assertThat(arraysPerEpoch).hasSize(8).containsOnly(arraysPerEpoch.get(0));
    }
}
