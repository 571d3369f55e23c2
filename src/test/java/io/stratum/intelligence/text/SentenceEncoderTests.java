package io.stratum.intelligence.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
     * get its own vector back, in its place, as if embedded alone.
     */
    @Test
    void manyTextsOfDifferentLengthsComeBackInTheirOrderAsIfEmbeddedAlone() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Long and short texts interleaved; character length and token count disagree on purpose for some
            texts.add(i % 3 == 0 ? "supercalifragilistic " + i : i % 3 == 1
                    ? "my card " + i + " was charged twice for the same order and I want the second payment back"
                    : "a b c d e f g h " + i);
        }
        try (SentenceEncoder encoder = SentenceEncoder.open(Path.of("target/bootstrap-cache/encoder"), 2, 128, 1,
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
}
