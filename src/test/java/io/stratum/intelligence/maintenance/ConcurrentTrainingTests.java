package io.stratum.intelligence.maintenance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrainings of different models may run at once (a failure model's beside a remaining-life one's, or a text
 * model's): DJL's PyTorch engine allows one gradient collector and one global seed, so each trainer takes turns.
 */
class ConcurrentTrainingTests {

    @Test
    void trainingsAtOnceAllSucceedAndEachGivesWhatItGivesAlone() throws Exception {
        List<MachineSample> machines = new MachineDataGenerator(3).generate(3000);
        FailureTrainer.Config failure = new FailureTrainer.Config(16, 4, 32, 0.005, 0.15, 3);
        List<EngineHistory> engines = RulModelTests.simulate(12, 4);
        RulTrainer.Config rul = new RulTrainer.Config(16, 4, 32, 0.002, 125, 0.2, 4);
        MachineSample probe = MachineSample.unlabelled("L", 302.0, 309.0, 1300, 60, 20);
        double alone = FailureTrainer.train(machines, failure, 1).model().predict(probe).failureProbability();
        double rulAlone = RulTrainer.train(engines, rul).model().predict(engines.get(0));

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<FailureTrainer.Result> a = pool.submit(() -> FailureTrainer.train(machines, failure, 1));
            Future<FailureTrainer.Result> b = pool.submit(() -> FailureTrainer.train(machines, failure, 2));
            Future<RulTrainer.Result> c = pool.submit(() -> RulTrainer.train(engines, rul));

            // Without taking turns one of them failed ("A PtGradientCollector is already collecting"), and a seed
            // set by one between another's seeding and its initial weights changed that one's model
            assertThat(a.get().model().predict(probe).failureProbability()).isEqualTo(alone);
            assertThat(b.get().model().predict(probe).failureProbability()).isEqualTo(alone);
            assertThat(c.get().model().predict(engines.get(0))).isEqualTo(rulAlone);
        } finally {
            pool.shutdownNow();
        }
    }
}
