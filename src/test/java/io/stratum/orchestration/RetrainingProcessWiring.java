package io.stratum.orchestration;

import io.stratum.learning.AutomationThreshold;
import io.stratum.learning.ChampionChallenger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.mock.Mocks;

import java.util.function.Supplier;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The model-retraining BPMN's delegates around a (mocked) ChampionChallenger, for its process tests. */
final class RetrainingProcessWiring {

    private RetrainingProcessWiring() {
    }

    /** Registers the delegates and returns the workflow that starts the process on this engine. */
    static ModelRetrainingWorkflow wire(ProcessEngine engine, ChampionChallenger championChallenger,
                                        AutomationThreshold thresholds) {
        Mocks.register("trainChallengerDelegate", new TrainChallengerDelegate(championChallenger));
        Mocks.register("evaluateModelsDelegate", new EvaluateModelsDelegate(championChallenger));
        Mocks.register("promoteChallengerDelegate", new PromoteChallengerDelegate(championChallenger));
        Mocks.register("archiveChallengerDelegate", new ArchiveChallengerDelegate(championChallenger));
        Mocks.register("recordPromotionDecisionListener", new RecordPromotionDecisionListener());
        Mocks.register("calibrateThresholdDelegate", new CalibrateThresholdDelegate(thresholds, championChallenger));
        // One engine, no cluster: the cluster lock just runs the work (its own test: ClusterNodeLocksTests)
        ClusterNodeLocks locks = mock(ClusterNodeLocks.class);
        when(locks.exclusively(anyString(), any())).thenAnswer(call -> call.<Supplier<?>>getArgument(1).get());
        return new ModelRetrainingWorkflow(engine.getRuntimeService(), engine.getIdentityService(), locks);
    }
}
