package io.stratum.intelligence.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The real MiniLM encoder (ONNX Runtime through DJL). */
class SentenceEncoderTests {

    @TempDir
    Path dir;

    /**
     * Batches are formed in order of token count (less padding) and spread over the predictors: each text must still
     * get its own vector back, in its place, as if embedded alone (the int8 encoder's vectors depend on their batch,
     * so it embeds one text at a time).
     */
    @ParameterizedTest
    @EnumSource(EncoderModel.class)
    void manyTextsOfDifferentLengthsComeBackInTheirOrderAsIfEmbeddedAlone(EncoderModel form) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Long and short texts interleaved; character length and token count disagree on purpose for some
            texts.add(i % 3 == 0 ? "supercalifragilistic " + i : i % 3 == 1
                    ? "my card " + i + " was charged twice for the same order and I want the second payment back"
                    : "a b c d e f g h " + i);
        }
        try (SentenceEncoder encoder = SentenceEncoder.open(form, Path.of("target/bootstrap-cache/encoder"), 2, 128, 1,
                dir.resolve("cache"))) {
            float[][] batch = encoder.embedAll(texts, 8);
            assertThat(batch.length).isEqualTo(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                float[] alone = encoder.embedBatch(new String[] {texts.get(i)})[0];
                double cosine = 0;
                for (int d = 0; d < alone.length; d++) {
                    cosine += alone[d] * batch[i][d];
                }
                assertThat(cosine).as(texts.get(i)).isCloseTo(1.0, within(1e-4));
            }
            // A neighbour's vector in the wrong place would not pass: distinct texts are not that alike
            double crossed = 0;
            for (int d = 0; d < batch[0].length; d++) {
                crossed += batch[0][d] * batch[1][d];
            }
            assertThat(crossed).isLessThan(0.9);
        }
    }

    /**
     * The int8 encoder is a stand-in for the float one, not another model: the same text gets nearly the same vector,
     * and what is alike for one is alike for the other.
     */
    @Test
    void theQuantisedEncoderStaysCloseToTheFloatOne() {
        List<String> texts = List.of("I was charged twice for my last invoice, please refund the duplicate payment.",
                "Please give me my money back, the same bill was paid two times.",
                "My parcel has not arrived, the tracking page shows no update for five days.",
                "How do I change the e-mail address on my account?");
        Path work = Path.of("target/bootstrap-cache/encoder");
        try (SentenceEncoder float32 = SentenceEncoder.open(EncoderModel.MINILM, work, 1, 128, 1);
             SentenceEncoder int8 = SentenceEncoder.open(EncoderModel.MINILM_INT8, work, 1, 128, 1)) {
            assertThat(int8.form()).isEqualTo(EncoderModel.MINILM_INT8);
            float[][] f = float32.embedAll(texts, 8);
            float[][] q = int8.embedAll(texts, 8);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(dot(f[i], q[i])).as(texts.get(i)).isGreaterThan(0.95);
            }
            // the paraphrase is the nearest text to the first one for both encoders
            for (float[][] v : new float[][][] {f, q}) {
                assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2])).isGreaterThan(0.0)
                        .isGreaterThan(dot(v[0], v[3]));
            }
        }
    }

    @Test
    void anotherEncoderIsOpenedOnlyWhenAModelNeedsIt() {
        Path work = Path.of("target/bootstrap-cache/encoder");
        List<EncoderModel> opened = new ArrayList<>();
        try (SentenceEncoders encoders = new SentenceEncoders(EncoderModel.MINILM, f -> {
            opened.add(f);
            return SentenceEncoder.open(f, work, 1, 128, 1);
        })) {
            assertThat(opened).containsExactly(EncoderModel.MINILM);
            assertThat(encoders.of(null)).isSameAs(encoders.configured());
            assertThat(encoders.of(EncoderModel.MINILM)).isSameAs(encoders.configured());
            SentenceEncoder int8 = encoders.of(EncoderModel.MINILM_INT8);
            assertThat(int8.form()).isEqualTo(EncoderModel.MINILM_INT8);
            assertThat(encoders.of(EncoderModel.MINILM_INT8)).isSameAs(int8);
            assertThat(opened).containsExactly(EncoderModel.MINILM, EncoderModel.MINILM_INT8);
        }
    }

    @Test
    void anUnknownEncoderIsNamedWithTheKnownOnes() {
        assertThat(EncoderModel.byId("all-minilm-l6-v2")).isEqualTo(EncoderModel.MINILM);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EncoderModel.byId("bert-large"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown sentence encoder 'bert-large'; known: all-minilm-l6-v2, all-minilm-l6-v2-q");
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }
}
