package io.stratum.orchestration;

import io.stratum.learning.AutomationThreshold;
import io.stratum.learning.ChampionChallenger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static io.stratum.orchestration.ModelRetrainingProcess.Element.*;
import static io.stratum.orchestration.ModelRetrainingProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * model-retraining for a model that is not a text classifier (the failure model, scored by F1, segments by product
 * type): the same BPMN and delegates, no automation threshold to calibrate and no customer-segment bias check.
 * Training and evaluation are a mock of ChampionChallenger; ModelKindsRetrainingTests runs them for real.
 */
@Deployment(resources = {"processes/model-retraining.bpmn", "forms/approve-model-promotion.form"})
class NonTextModelRetrainingProcessTests {

    private static final String MODEL = "maintenance-failure";
    private static final Instant HOLDOUT_FROM = Instant.parse("2026-11-01T00:00:00Z");

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    ProcessEngine engine;
    final ChampionChallenger championChallenger = mock(ChampionChallenger.class);
    final AutomationThreshold thresholds = mock(AutomationThreshold.class);
    ModelRetrainingWorkflow workflow;

    @BeforeEach
    void wire() {
        engine = extension.getProcessEngine();
        init(engine);
        workflow = RetrainingProcessWiring.wire(engine, championChallenger, thresholds);
        when(championChallenger.trainChallenger(eq(MODEL), anyString())).thenReturn(
                new ChampionChallenger.TrainedChallenger(MODEL, 2, 20800, 40, 12, HOLDOUT_FROM, 18.0));
        when(championChallenger.calibratesThreshold(MODEL)).thenReturn(false);
    }

    @AfterEach
    void cleanUp() {
        engine.getIdentityService().clearAuthentication();
        Mocks.reset();
        reset();
    }

    @Test
    void betterFailureModelApprovedByAModelOwnerIsPromotedWithoutCalibration() {
        evaluates(0.0, 0.9, true);
        ProcessInstance pi = started();

        runJob(pi, TRAIN_CHALLENGER);
        runJob(pi, EVALUATE_MODELS);
        BpmnAwareTests.assertThat(pi).isWaitingAt(APPROVE_PROMOTION).task().hasCandidateGroup("model-owners");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), CHALLENGER_REPORT).toString())
                .contains("v2: 90.0 % F1 of fault found on 12").contains("type L (8): 100.0 %");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), CHAMPION_REPORT).toString())
                .contains("v1: 0.0 % F1 of fault found");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        engine.getIdentityService().setAuthenticatedUserId("demo");
        engine.getTaskService().complete(task.getId(), Variables.createVariables()
                .putValue(DECISION, "approve").putValue(COMMENT, "learns the hot-air failures"));

        verify(championChallenger).promote(MODEL, 2, "demo", "learns the hot-air failures", 0.0, 0.9);
        runJob(pi, CALIBRATE_THRESHOLD);
        BpmnAwareTests.assertThat(pi).hasPassedInOrder(TRAIN_CHALLENGER, EVALUATE_MODELS, IS_BETTER, APPROVE_PROMOTION,
                IS_APPROVED, PROMOTE_CHALLENGER, CALIBRATE_THRESHOLD, CHALLENGER_PROMOTED).isEnded();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(THRESHOLD_SOURCE).singleResult().getValue())
                .isEqualTo(CalibrateThresholdDelegate.NOT_APPLICABLE);
        verifyNoInteractions(thresholds);
    }

    @Test
    void worseFailureModelIsArchivedWithoutAskingAnyone() {
        evaluates(0.8, 0.7, false);
        ProcessInstance pi = started();

        runJob(pi, TRAIN_CHALLENGER);
        runJob(pi, EVALUATE_MODELS);

        BpmnAwareTests.assertThat(pi).hasPassed(IS_BETTER, JOIN_ARCHIVE, ARCHIVE_CHALLENGER, CHALLENGER_ARCHIVED)
                .hasNotPassed(APPROVE_PROMOTION, PROMOTE_CHALLENGER).isEnded();
        verify(championChallenger).archive(eq(MODEL), eq(2), eq("retraining"), contains("not promoted"));
        verify(championChallenger, never()).promote(anyString(), anyInt(), anyString(), any(), anyDouble(),
                anyDouble());
    }

    @Test
    void failureModelTrainingFailureBecomesAnIncidentAndTheChampionStays() {
        when(championChallenger.trainChallenger(eq(MODEL), anyString()))
                .thenThrow(new IllegalArgumentException("need at least 50 examples, got 12"));
        ProcessInstance pi = started();

        failJobUntilIncident(pi, TRAIN_CHALLENGER);

        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo(TRAIN_CHALLENGER);
        assertThat(incident.getIncidentMessage())
                .contains("Training a challenger for model 'maintenance-failure' failed: need at least 50 examples")
                .contains("champion keeps serving");
        verify(championChallenger, never()).promote(anyString(), anyInt(), anyString(), any(), anyDouble(),
                anyDouble());
        verify(championChallenger, never()).archive(anyString(), anyInt(), anyString(), any());
    }

    private ProcessInstance started() {
        String id = workflow.start(MODEL, "demo");
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private void evaluates(double champion, double challenger, boolean better) {
        when(championChallenger.evaluate(MODEL, 2, HOLDOUT_FROM)).thenReturn(new ChampionChallenger.Evaluation(
                MODEL, 1, 2, 12, champion, challenger,
                List.of(new ChampionChallenger.Segment("type L", 8, 0.5, 1.0, true),
                        new ChampionChallenger.Segment("type M", 4, 1.0, 1.0, false)),
                "product type (accuracy of the fault-found decision)", better,
                better ? "Challenger v2 is better" : "Challenger v2 is not promoted", "time-ordered: 12 newest",
                "failure", "F1 of fault found"));
    }

    private void failJobUntilIncident(ProcessInstance pi, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).singleResult();
        assertThat((Object) job).as("job at " + activityId).isNotNull();
        for (int attempt = 0; attempt < 5 && engine.getRuntimeService().createIncidentQuery()
                .processInstanceId(pi.getId()).count() == 0; attempt++) {
            try {
                engine.getManagementService().executeJob(job.getId());
            } catch (RuntimeException expected) {
                // the engine stores the failure on the job
            }
        }
    }

    private void runJob(ProcessInstance pi, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).singleResult();
        assertThat((Object) job).as("job at " + activityId).isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }
}
