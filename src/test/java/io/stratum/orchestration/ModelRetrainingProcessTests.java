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
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
import static org.mockito.Mockito.when;

/**
 * Every path of model-retraining on a real in-memory engine with the real form; training and evaluation are a mock
 * of the learning layer's ChampionChallenger (the real one is exercised by the integration test).
 */
@Deployment(resources = {"processes/model-retraining.bpmn", "forms/approve-model-promotion.form"})
class ModelRetrainingProcessTests {

    private static final String MODEL = "support-topic";
    private static final Instant HOLDOUT_FROM = Instant.parse("2026-03-01T00:00:00Z");

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
                new ChampionChallenger.TrainedChallenger(MODEL, 2, 3120, 40, 10, HOLDOUT_FROM, 12.5));
        when(championChallenger.calibratesThreshold(MODEL)).thenReturn(true);
    }

    @AfterEach
    void cleanUp() {
        engine.getIdentityService().clearAuthentication();
        Mocks.reset();
        reset();
    }

    @Test
    void betterChallengerApprovedByAModelOwnerIsPromoted() {
        // Given a challenger that beats the champion
        evaluates(0.80, 0.90, true);
        ProcessInstance pi = started();

        // When training and evaluation run and demo approves in the form
        runJob(pi, TRAIN_CHALLENGER);
        runJob(pi, EVALUATE_MODELS);
        BpmnAwareTests.assertThat(pi).isWaitingAt(APPROVE_PROMOTION).task().hasCandidateGroup("model-owners");
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), CHALLENGER_REPORT).toString())
                .contains("v2: 90.0 %").contains("billing (8): 87.5 %");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        engine.getIdentityService().setAuthenticatedUserId("demo");
        engine.getTaskService().complete(task.getId(), Variables.createVariables()
                .putValue(DECISION, "approve").putValue(COMMENT, "better on billing"));

        // Then the challenger is promoted by demo, and its threshold is calibrated in a job of its own
        verify(championChallenger).promote(MODEL, 2, "demo", "better on billing", 0.80, 0.90);
        BpmnAwareTests.assertThat(pi).isWaitingAt(CALIBRATE_THRESHOLD);
        when(thresholds.calibrate(MODEL, 2, HOLDOUT_FROM, "retraining:demo")).thenReturn(new AutomationThreshold
                .InForce(MODEL, 0.93, "derived", 0.85, 2, 0.98, 0.981, 0.4, 250, "reaches 0.981", "retraining:demo",
                Instant.now()));
        runJob(pi, CALIBRATE_THRESHOLD);
        BpmnAwareTests.assertThat(pi).hasPassedInOrder(TRAIN_CHALLENGER, EVALUATE_MODELS, IS_BETTER, APPROVE_PROMOTION,
                IS_APPROVED, PROMOTE_CHALLENGER, CALIBRATE_THRESHOLD, CHALLENGER_PROMOTED)
                .hasNotPassed(ARCHIVE_CHALLENGER).isEnded();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(THRESHOLD_SOURCE).singleResult().getValue()).isEqualTo("derived");
        verify(championChallenger, never()).archive(anyString(), anyInt(), anyString(), any());
    }

    @Test
    void calibrationFailureIsAnIncidentAfterThePromotionCommitted() {
        // Given an approved, promoted challenger whose calibration fails
        evaluates(0.80, 0.90, true);
        ProcessInstance pi = started();
        runJob(pi, TRAIN_CHALLENGER);
        runJob(pi, EVALUATE_MODELS);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        engine.getTaskService().claim(task.getId(), "demo");
        engine.getTaskService().complete(task.getId(), Variables.createVariables().putValue(DECISION, "approve"));
        when(thresholds.calibrate(eq(MODEL), eq(2), eq(HOLDOUT_FROM), anyString()))
                .thenThrow(new IllegalStateException("Model support-topic v2 cannot be read"));

        // When the calibration job has used up its retries
        failJobUntilIncident(pi, CALIBRATE_THRESHOLD);

        // Then the promotion stands (it committed before) and the incident names the cause at the calibration step
        verify(championChallenger).promote(eq(MODEL), eq(2), eq("demo"), any(), anyDouble(), anyDouble());
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo(CALIBRATE_THRESHOLD);
        assertThat(incident.getIncidentMessage()).contains("cannot be read");
    }

    @Test
    void rejectedChallengerIsArchivedWithTheOwnersComment() {
        // Given a better challenger
        evaluates(0.80, 0.90, true);
        ProcessInstance pi = started();
        runJob(pi, TRAIN_CHALLENGER);
        runJob(pi, EVALUATE_MODELS);

        // When the model owner rejects it
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        engine.getTaskService().claim(task.getId(), "demo");
        engine.getTaskService().complete(task.getId(), Variables.createVariables()
                .putValue(DECISION, "reject").putValue(COMMENT, "wait for the tier data"));

        // Then it is archived, the champion stays
        BpmnAwareTests.assertThat(pi).hasPassed(APPROVE_PROMOTION, JOIN_ARCHIVE, ARCHIVE_CHALLENGER, CHALLENGER_ARCHIVED)
                .hasNotPassed(PROMOTE_CHALLENGER).isEnded();
        verify(championChallenger).archive(eq(MODEL), eq(2), eq("demo"), contains("wait for the tier data"));
        verify(championChallenger, never()).promote(anyString(), anyInt(), anyString(), any(), anyDouble(),
                anyDouble());
    }

    @Test
    void challengerThatIsNotBetterIsArchivedWithoutAskingAnyone() {
        // Given a challenger no better than the champion
        evaluates(0.85, 0.84, false);
        ProcessInstance pi = started();

        // When training and evaluation run
        runJob(pi, TRAIN_CHALLENGER);
        runJob(pi, EVALUATE_MODELS);

        // Then it is archived with the verdict, no task was created
        BpmnAwareTests.assertThat(pi).hasPassed(IS_BETTER, JOIN_ARCHIVE, ARCHIVE_CHALLENGER, CHALLENGER_ARCHIVED)
                .hasNotPassed(APPROVE_PROMOTION, PROMOTE_CHALLENGER).isEnded();
        verify(championChallenger).archive(eq(MODEL), eq(2), eq("retraining"), contains("not promoted"));
    }

    @Test
    void trainingFailureBecomesAnIncidentAndTheChampionStays() {
        // Given training that fails
        when(championChallenger.trainChallenger(eq(MODEL), anyString()))
                .thenThrow(new IllegalStateException("labels.txt is empty"));
        ProcessInstance pi = started();

        // When the training job has used up its retries
        failJobUntilIncident(pi, TRAIN_CHALLENGER);

        // Then an incident with a readable message waits at the training step; nothing was promoted or archived
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(TRAIN_CHALLENGER);
        assertThat(incident.getIncidentMessage())
                .contains("Training a challenger for model 'support-topic' failed: labels.txt is empty")
                .contains("champion keeps serving");
        verify(championChallenger, never()).promote(anyString(), anyInt(), anyString(), any(), anyDouble(),
                anyDouble());
        verify(championChallenger, never()).archive(anyString(), anyInt(), anyString(), any());
    }

    @Test
    void aSecondRequestWhileOneRunsReturnsTheRunningRetraining() {
        String first = workflow.start(MODEL, "demo");
        assertThat(workflow.start(MODEL, "schedule")).isEqualTo(first);
        assertThat(workflow.start("support-urgency", "schedule")).isNotEqualTo(first);
        assertThat(engine.getRuntimeService().getVariable(first, REQUESTED_BY)).isEqualTo("demo");
    }

    @Test
    void diagramIsCompleteAndConstantsMatchTheModel() throws Exception {
        BpmnModelInstance model;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("processes/model-retraining.bpmn")) {
            model = Bpmn.readModelFromStream(in);
        }
        Set<String> shaped = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edged = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        assertThat(shaped).containsAll(model.getModelElementsByType(FlowNode.class).stream()
                .map(BaseElement::getId).toList());
        assertThat(edged).containsAll(model.getModelElementsByType(SequenceFlow.class).stream()
                .map(BaseElement::getId).toList());
        for (Field f : ModelRetrainingProcess.Element.class.getDeclaredFields()) {
            if (f.getType() == String.class) {
                assertThat((Object) model.getModelElementById((String) f.get(null))).as(f.getName()).isNotNull();
            }
        }
    }

    private ProcessInstance started() {
        String id = workflow.start(MODEL, "demo");
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private void evaluates(double champion, double challenger, boolean better) {
        when(championChallenger.evaluate(MODEL, 2, HOLDOUT_FROM)).thenReturn(new ChampionChallenger.Evaluation(
                MODEL, 1, 2, 10, champion, challenger,
                List.of(new ChampionChallenger.Segment("billing", 8, 0.75, 0.875, true),
                        new ChampionChallenger.Segment("account", 2, 1.0, 1.0, false)),
                ChampionChallenger.SEGMENT_BASIS, better,
                better ? "Challenger v2 is better" : "Challenger v2 is not promoted", "time-ordered: 10 newest"));
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
