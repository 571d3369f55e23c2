package io.stratum.intelligence.maintenance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remaining-useful-life network trained with DJL on simulated run-to-failure engines. */
class RulModelTests {

    static RulTrainer.Result result;
    static List<EngineHistory> unseen;

    /** Engines whose wear-sensitive sensors drift ever faster until failure, each with its own offsets and noise. */
    static List<EngineHistory> simulate(int engines, long seed) {
        Random random = new Random(seed);
        List<EngineHistory> out = new ArrayList<>();
        for (int e = 0; e < engines; e++) {
            int life = 130 + random.nextInt(170);
            double[] offset = new double[EngineHistory.SENSORS];
            for (int j = 0; j < offset.length; j++) {
                offset[j] = 0.3 * random.nextGaussian();
            }
            List<double[]> cycles = new ArrayList<>();
            for (int t = 1; t <= life; t++) {
                double damage = Math.exp(4.0 * t / life) / Math.exp(4.0);
                double[] s = new double[EngineHistory.SENSORS];
                for (int j = 0; j < s.length; j++) {
                    double sensitivity = j % 3 == 0 ? 0 : (j % 2 == 0 ? 3 : -2);
                    s[j] = 100 + j + offset[j] + sensitivity * damage + 0.25 * random.nextGaussian();
                }
                cycles.add(s);
            }
            out.add(new EngineHistory("E" + e, cycles, life));
        }
        return out;
    }

    @BeforeAll
    static void train() {
        result = RulTrainer.train(simulate(40, 5), new RulTrainer.Config(32, 15, 128, 0.002, 125, 0.2, 5));
        unseen = simulate(10, 99);
    }

    @Test
    void predictsTheRemainingLifeOfUnseenEngines() {
        assertThat((double) result.metrics().get("holdoutRmse")).isLessThan(25);
        double rmse = RulTrainer.rmseAtRandomCuts(result.model(), unseen, new Random(1), 5);
        // A constant guess of the mean capped life scores about 40 here.
        assertThat(rmse).isLessThan(25);
    }

    @Test
    void remainingLifeShrinksAsTheEngineWears() {
        EngineHistory engine = unseen.get(0);
        int life = engine.failedAfter();
        double early = result.model().predict(engine.truncated(20));
        double late = result.model().predict(engine.truncated(life - 10));
        assertThat(early).isGreaterThan(90).isLessThanOrEqualTo(125);
        assertThat(late).isLessThan(40).isGreaterThanOrEqualTo(0);
    }

    @Test
    void refusesHistoriesItCannotLearnFrom() {
        assertThatThrownBy(() -> RulTrainer.train(simulate(3, 1), new RulTrainer.Config(8, 1, 8, 0.01, 125, 0.2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 run-to-failure");
        assertThatThrownBy(() -> new EngineHistory("x", List.of(new double[3]), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("21 sensors");
    }

    @Test
    void aSavedModelPredictsLikeTheTrainedOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rul-model.bin");
        result.model().save(file);
        RulModel loaded = RulModel.load(file);
        for (EngineHistory engine : unseen) {
            EngineHistory cut = engine.truncated(engine.failedAfter() / 2);
            assertThat(loaded.predict(cut)).isEqualTo(result.model().predict(cut));
        }
        Files.writeString(file, "not a model");
        assertThatThrownBy(() -> RulModel.load(file)).hasMessageContaining("Not a remaining-life model");
    }

    @Test
    void theBootstrapModelIsTrainedOnceAndLoadedFromTheCacheAfterwards(@TempDir Path cache) {
        RulModelSettings small = new RulModelSettings(20, 8, 3, 128, 0.005, 125, 3, 500, 10);
        RulModel first = new RulPredictor(small, cache).model();
        assertThat(cache).isDirectoryContaining(p -> p.getFileName().toString().startsWith("rul-"));
        RulPredictor restarted = new RulPredictor(small, cache);
        EngineHistory engine = unseen.get(1).truncated(60);
        assertThat(restarted.model().predict(engine)).isEqualTo(first.predict(engine));
        assertThat(restarted.metrics()).containsKey("holdoutRmse");
    }
}
