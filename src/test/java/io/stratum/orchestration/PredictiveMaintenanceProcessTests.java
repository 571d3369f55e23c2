package io.stratum.orchestration;

import io.stratum.ingestion.telemetry.TelemetryStore;
import io.stratum.intelligence.maintenance.EngineHistory;
import io.stratum.intelligence.maintenance.RulDataGenerator;
import io.stratum.intelligence.maintenance.RulModelSettings;
import io.stratum.intelligence.maintenance.RulPredictor;
import io.stratum.action.Mailer;
import io.stratum.action.OutboxMessage;
import io.stratum.action.dispatch.DispatchSettings;
import io.stratum.action.dispatch.Technician;
import io.stratum.action.dispatch.Technicians;
import io.stratum.action.dispatch.VisitPlanner;
import io.stratum.action.dispatch.WorkOrder;
import io.stratum.action.dispatch.WorkOrders;
import io.stratum.ingestion.telemetry.Assets;
import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Element.*;
import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The predictive-maintenance process on a real in-memory engine with its forms and the real Timefold planner (short
 * solve time); records, mail and the retraining store are mocks. Every path: critical and not, no feasible plan,
 * confirmation overdue, another reading at risk, a rejected confirmation, fault and no fault.
 */
@Deployment(resources = {"processes/predictive-maintenance.bpmn", "forms/confirm-visit.form",
        "forms/report-visit-outcome.form"})
class PredictiveMaintenanceProcessTests {

    private static final Instant NOW = Instant.parse("2026-03-02T07:10:00Z");

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    ProcessEngine engine;
    final MaintenanceSettings settings = new MaintenanceSettings(0.5, 0.8, 8.0, Duration.ofHours(2),
            Duration.ofDays(1), Duration.ofHours(24), Duration.ofDays(5), "leads@example.com");
    final DispatchSettings dispatch = new DispatchSettings(Duration.ofMillis(300), Duration.ofMillis(100), 72, 2,
            200, false, org.springframework.util.unit.DataSize.ofMegabytes(1));
    final Technicians technicians = mock(Technicians.class);
    final WorkOrders workOrders = mock(WorkOrders.class);
    final Assets assets = mock(Assets.class);
    final Mailer mailer = mock(Mailer.class);
    final RetrainingStore store = mock(RetrainingStore.class);
    final TelemetryStore telemetry = mock(TelemetryStore.class);
    /** A small real remaining-life model (generated engines only), trained once for the class. */
    static final RulModelSettings rulSettings = new RulModelSettings(40, 16, 8, 128, 0.005, 125, 7, 500, 10);
    static final RulPredictor remainingLife = new RulPredictor(rulSettings);
    final Technician near = new Technician("T-01", "Hanna", "hanna@example.com", Set.of("spindle"), 48.14, 11.58, 7,
            16, true);
    final Technician far = new Technician("T-02", "Jonas", "jonas@example.com", Set.of("spindle", "hydraulics"),
            48.76, 11.43, 8, 17, true);

    @BeforeEach
    void wire() {
        engine = extension.getProcessEngine();
        init(engine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        Mocks.register("assessRiskDelegate", new AssessRiskDelegate(settings,
                new RemainingLifeForecast(telemetry, remainingLife, rulSettings)));
        Mocks.register("planVisitDelegate", new PlanVisitDelegate(new VisitPlanner(dispatch), technicians,
                workOrders, assets));
        Mocks.register("confirmVisitListener", new ConfirmVisitListener(technicians, store));
        Mocks.register("escalateConfirmationDelegate", new EscalateConfirmationDelegate(mailer, settings));
        Mocks.register("createWorkOrderDelegate", new CreateWorkOrderDelegate(workOrders, dispatch));
        Mocks.register("notifyTechnicianDelegate", new NotifyTechnicianDelegate(mailer, technicians, workOrders,
                settings));
        Mocks.register("recordOutcomeDelegate", new RecordOutcomeDelegate(store, workOrders));
        Mocks.register("updateCaseDelegate", new UpdateCaseDelegate());
        when(technicians.all()).thenReturn(List.of(near, far));
        when(technicians.find("T-01")).thenReturn(Optional.of(near));
        when(technicians.find("T-02")).thenReturn(Optional.of(far));
        when(workOrders.scheduledAfter(any())).thenReturn(List.of());
        when(workOrders.open(anyString(), anyString(), anyString(), any(), any(), any())).thenAnswer(call -> {
            WorkOrder wo = new WorkOrder("WO-000001", call.getArgument(0), call.getArgument(1), call.getArgument(2),
                    call.getArgument(3), call.getArgument(4), call.getArgument(5), "SCHEDULED", null, NOW);
            when(workOrders.find("WO-000001")).thenReturn(Optional.of(wo));
            return wo;
        });
        when(mailer.send(anyString(), anyString(), anyString(), anyString())).thenAnswer(call -> new OutboxMessage(
                "m-1", call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3), "KEPT",
                null, NOW, null));
        when(mailer.send(anyString(), anyString(), anyString(), anyString(), any())).thenAnswer(call ->
                new OutboxMessage("m-2", call.getArgument(0), call.getArgument(1), call.getArgument(2),
                        call.getArgument(3), "KEPT", null, NOW, null));
        when(store.record(any())).thenAnswer(call -> call.getArgument(0));
    }

    @AfterEach
    void cleanUp() {
        Mocks.reset();
        ClockUtil.reset();
        reset();
    }

    @Test
    void criticalCaseIsPlannedConfirmedWithAChangeBookedMailedAndLabelled() {
        ProcessInstance pi = start("M-1001", "HIGH", 0.93, "OSF");
        job(pi, ASSESS_RISK);

        assertThat(pi).hasPassed(ASSESS_RISK, PLAN_URGENT_VISIT).hasNotPassed(PLAN_VISIT).isWaitingAt(CONFIRM_VISIT);
        assertThat(pi).variables().containsEntry(CRITICAL, true).containsEntry(CONFIRM_WITHIN, "PT2H")
                .containsEntry(PROPOSED_TECHNICIAN_ID, "T-01");
        Instant proposed = Instant.parse((String) var(pi, PROPOSED_VISIT_START));
        // Hard constraints: within T-01's working hours (7-16 UTC), after now.
        assertThat(proposed).isAfter(NOW);
        int hour = proposed.atZone(java.time.ZoneOffset.UTC).getHour();
        assertThat(hour).isBetween(7, 14);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .anyMatch(l -> "dispatchers".equals(l.getGroupId()));

        // The dispatcher sends the other technician, a day later.
        String changedStart = proposed.plus(Duration.ofDays(1)).toString();
        engine.getTaskService().claim(task.getId(), "dora");
        engine.getTaskService().complete(task.getId(), Variables.createVariables().putValue(TECHNICIAN_ID, "T-02")
                .putValue(VISIT_START, changedStart));
        ArgumentCaptor<Feedback> feedback = ArgumentCaptor.forClass(Feedback.class);
        verify(store).record(feedback.capture());
        assertThat(feedback.getValue()).satisfies(f -> {
            assertThat(f.model()).isEqualTo("visit-plan");
            assertThat(f.predicted()).isEqualTo("T-01@" + proposed);
            assertThat(f.corrected()).isEqualTo("T-02@" + changedStart);
            assertThat(f.overridden()).isTrue();
            assertThat(f.actor()).isEqualTo("dora");
            assertThat(f.decisionId()).isEqualTo("visit-plan:" + pi.getId());
        });

        job(pi, CREATE_WORK_ORDER);
        verify(workOrders).open(eq(pi.getId()), eq("M-1001"), eq("T-02"), eq(Instant.parse(changedStart)),
                eq(Instant.parse(changedStart).plus(Duration.ofHours(2))), eq("OSF"));
        ArgumentCaptor<Mailer.Attachment> ics = ArgumentCaptor.forClass(Mailer.Attachment.class);
        verify(mailer).send(eq("visit:WO-000001"), eq("jonas@example.com"), contains("WO-000001"),
                contains("WO-000001.ics"), ics.capture());
        assertThat(ics.getValue().fileName()).isEqualTo("WO-000001.ics");
        assertThat(ics.getValue().contentType()).startsWith("text/calendar").contains("method=REQUEST");
        assertThat(ics.getValue().content()).contains("BEGIN:VCALENDAR", "METHOD:REQUEST", "UID:WO-000001@stratum",
                "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:jonas@example.com");
        assertThat(pi).isWaitingAt(REPORT_VISIT_OUTCOME);

        Task report = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        engine.getTaskService().complete(report.getId(), Variables.createVariables().putValue(FAULT_FOUND, true)
                .putValue(REPORTED_MODE, "TWF").putValue(OUTCOME_NOTE, "tool worn out"));
        job(pi, RECORD_OUTCOME);
        ArgumentCaptor<Feedback> label = ArgumentCaptor.forClass(Feedback.class);
        verify(store, org.mockito.Mockito.times(2)).record(label.capture());
        assertThat(label.getAllValues().get(1)).satisfies(f -> {
            assertThat(f.model()).isEqualTo("maintenance-failure");
            assertThat(f.predicted()).isEqualTo("OSF");
            assertThat(f.corrected()).isEqualTo("TWF");
            assertThat(f.input()).contains("productType=L", "\"torque\":65.0");
            assertThat(f.decisionId()).isEqualTo("failure:" + pi.getId());
        });
        verify(workOrders).complete(pi.getId(), "TWF: tool worn out");
        assertThat(pi).hasPassed(CASE_CLOSED).isEnded();
    }

    @Test
    void aModerateRiskOnALowCriticalityAssetIsPlannedWithoutUrgency() {
        ProcessInstance pi = start("M-1004", "LOW", 0.62, null);
        job(pi, ASSESS_RISK);
        assertThat(pi).hasPassed(PLAN_VISIT).hasNotPassed(PLAN_URGENT_VISIT).isWaitingAt(CONFIRM_VISIT);
        assertThat(pi).variables().containsEntry(CRITICAL, false).containsEntry(CONFIRM_WITHIN, "PT24H");

        // Confirmed as proposed; no fault found: the label says "none".
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        engine.getTaskService().complete(task.getId());
        job(pi, CREATE_WORK_ORDER);
        Task report = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        engine.getTaskService().complete(report.getId(), Variables.createVariables().putValue(FAULT_FOUND, false)
                .putValue(REPORTED_MODE, "none"));
        job(pi, RECORD_OUTCOME);
        ArgumentCaptor<Feedback> feedback = ArgumentCaptor.forClass(Feedback.class);
        verify(store, org.mockito.Mockito.times(2)).record(feedback.capture());
        assertThat(feedback.getAllValues().get(0).overridden()).isFalse();
        assertThat(feedback.getAllValues().get(1).predicted()).isEqualTo("failure");
        assertThat(feedback.getAllValues().get(1).corrected()).isEqualTo("none");
        assertThat(pi).isEnded();
    }

    @Test
    void withoutASkilledTechnicianTheDispatcherPlansByHand() {
        when(technicians.all()).thenReturn(List.of(new Technician("T-09", "Ela", "ela@example.com",
                Set.of("electrical"), 48.1, 11.5, 8, 17, true)));
        ProcessInstance pi = start("M-1001", "HIGH", 0.95, "HDF");
        job(pi, ASSESS_RISK);
        assertThat(pi).hasPassed(PLAN_URGENT_VISIT, NO_PLAN_URGENT).isWaitingAt(CONFIRM_VISIT);
        assertThat((String) var(pi, PLAN_NOTE)).contains("No feasible plan", "'spindle'");
        assertThat(var(pi, PROPOSED_TECHNICIAN_ID)).isNull();
    }

    @Test
    void anUnconfirmedCriticalVisitIsEscalatedAndStaysOpen() {
        ProcessInstance pi = start("M-1001", "HIGH", 0.9, "PWF");
        job(pi, ASSESS_RISK);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        engine.getManagementService().executeJob(timer.getId());

        assertThat(pi).hasPassed(CONFIRMATION_OVERDUE, ESCALATE_CONFIRMATION).isWaitingAt(CONFIRM_VISIT);
        verify(mailer).send(eq("maintenance-escalation:" + pi.getId()), eq("leads@example.com"), anyString(),
                contains("has not been confirmed within PT2H"));
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(task.getPriority()).isEqualTo(90);
        assertThat(var(pi, ESCALATED)).isEqualTo(true);
    }

    @Test
    void anotherReadingAtRiskUpdatesTheOpenCase() {
        ProcessInstance pi = start("M-1002", "MEDIUM", 0.55, null);
        engine.getRuntimeService().createMessageCorrelation(PredictiveMaintenanceProcess.RISK_REPORTED)
                .processInstanceBusinessKey("M-1002")
                .setVariables(Variables.createVariables().putValue(FAILURE_PROBABILITY, 0.91)
                        .putValue(FAILURE_MODE, "HDF"))
                .correlate();
        assertThat(pi).hasPassed(RISK_UPDATED, UPDATE_CASE);
        assertThat(pi).variables().containsEntry(RISK_REPORTS, 2).containsEntry(MAX_FAILURE_PROBABILITY, 0.91);
        // Assessed on the riskiest reading so far: now critical.
        job(pi, ASSESS_RISK);
        assertThat(pi).hasPassed(PLAN_URGENT_VISIT);
    }

    @Test
    void aConfirmationWithAnUnknownTechnicianIsRefusedWithTheField() {
        ProcessInstance pi = start("M-1001", "HIGH", 0.93, "OSF");
        job(pi, ASSESS_RISK);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(),
                Variables.createVariables().putValue(TECHNICIAN_ID, "T-77")))
                .hasMessageContaining("technicianId: unknown technician 'T-77'");
        assertThat(pi).isWaitingAt(CONFIRM_VISIT);
        verify(store, never()).record(any());
    }

    private ProcessInstance start(String assetId, String criticality, double p, String mode) {
        VariableMap vars = Variables.createVariables().putValue(ASSET_ID, assetId).putValue(ASSET_NAME, "Spindle")
                .putValue(CRITICALITY, criticality).putValue(REQUIRED_SKILL, "spindle").putValue(LAT, 48.137)
                .putValue(LON, 11.575).putValue(PRODUCT_TYPE, "L").putValue(READING_ID, 7L)
                .putValue(READING, "{\"airTemperature\":300.0,\"processTemperature\":310.5,\"rotationalSpeed\":1400.0,"
                        + "\"torque\":65.0,\"toolWear\":220.0}")
                .putValue(FAILURE_PROBABILITY, p).putValue(FAILURE_MODE, mode).putValue(ANOMALY_SCORE, 1.2)
                .putValue(MAX_FAILURE_PROBABILITY, p).putValue(RISK_REPORTS, 1);
        return engine.getRuntimeService().startProcessInstanceByKey(PredictiveMaintenanceProcess.KEY, assetId, vars);
    }

    @Test
    void aForecastFailureBringsTheDeadlineForwardAndMakesTheCaseCritical() {
        // A generated engine 8 cycles before its failure, one cycle every 20 minutes, last one 20 minutes ago.
        EngineHistory engine = new RulDataGenerator(99).generate(1).get(0);
        EngineHistory nearEnd = engine.truncated(engine.failedAfter() - 8);
        List<TelemetryStore.SensorCycle> history = new java.util.ArrayList<>();
        for (int i = 0; i < nearEnd.cycles().size(); i++) {
            history.add(new TelemetryStore.SensorCycle(
                    NOW.minus(Duration.ofMinutes(20L * (nearEnd.cycles().size() - i))), nearEnd.cycles().get(i)));
        }
        when(telemetry.sensorHistory(eq("M-1004"), anyInt())).thenReturn(history);

        ProcessInstance pi = start("M-1004", "LOW", 0.62, null);
        job(pi, ASSESS_RISK);

        double cycles = ((Number) var(pi, REMAINING_LIFE_CYCLES)).doubleValue();
        Instant failureAt = Instant.parse((String) var(pi, FORECAST_FAILURE_AT));
        assertThat(cycles).isLessThan(50);
        assertThat(failureAt).isEqualTo(NOW.minus(Duration.ofMinutes(20))
                .plusMillis(Math.round(cycles * Duration.ofMinutes(20).toMillis())));
        // Within the critical deadline (24 h): critical, and the planner's urgency deadline is the forecast.
        assertThat(pi).hasPassed(PLAN_URGENT_VISIT).isWaitingAt(CONFIRM_VISIT);
        assertThat(pi).variables().containsEntry(CRITICAL, true).containsEntry(CONFIRM_WITHIN, "PT2H")
                .containsEntry(VISIT_DEADLINE, (failureAt.isAfter(NOW) ? failureAt : NOW).toString());
    }

    @Test
    void aHealthyForecastKeepsTheUsualDeadline() {
        EngineHistory engine = new RulDataGenerator(98).generate(1).get(0);
        EngineHistory young = engine.truncated(30);
        List<TelemetryStore.SensorCycle> history = new java.util.ArrayList<>();
        for (int i = 0; i < young.cycles().size(); i++) {
            history.add(new TelemetryStore.SensorCycle(NOW.minus(Duration.ofHours(2L * (young.cycles().size() - i))),
                    young.cycles().get(i)));
        }
        when(telemetry.sensorHistory(eq("M-1004"), anyInt())).thenReturn(history);

        ProcessInstance pi = start("M-1004", "LOW", 0.62, null);
        job(pi, ASSESS_RISK);

        // More than 70 cycles of 2 h: beyond the usual 5-day deadline, which stays.
        assertThat(((Number) var(pi, REMAINING_LIFE_CYCLES)).doubleValue()).isGreaterThan(70);
        assertThat(pi).hasPassed(PLAN_VISIT).isWaitingAt(CONFIRM_VISIT);
        assertThat(pi).variables().containsEntry(CRITICAL, false)
                .containsEntry(VISIT_DEADLINE, NOW.plus(Duration.ofDays(5)).toString());
    }

    private void job(ProcessInstance pi, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).singleResult();
        assertThat(job).as("job at " + activityId).isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }

    private Object var(ProcessInstance pi, String name) {
        return engine.getRuntimeService().getVariable(pi.getId(), name);
    }
}
