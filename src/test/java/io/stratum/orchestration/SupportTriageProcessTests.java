package io.stratum.orchestration;

import io.stratum.action.Mailer;
import io.stratum.action.OutboxMessage;
import io.stratum.action.Ticket;
import io.stratum.action.Tickets;
import io.stratum.ingestion.Customer;
import io.stratum.ingestion.Customers;
import io.stratum.ingestion.Inquiry;
import io.stratum.ingestion.InquiryProgress;
import io.stratum.intelligence.ClassificationException;
import io.stratum.intelligence.ConfidenceThresholds;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.ReplyDrafter;
import io.stratum.intelligence.TextClassifier;
import io.stratum.intelligence.UnknownModelException;
import io.stratum.learning.Feedback;
import io.stratum.learning.RetrainingStore;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.springframework.context.ApplicationEventPublisher;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.stratum.orchestration.SupportTriageProcess.Element.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The support-triage process on a real in-memory engine (camunda.cfg.xml) with the real DMN and form; the other
 * layers are Mockito mocks behind their interfaces. Jobs are driven by element id.
 */
@Deployment(resources = {"processes/support-triage.bpmn", "processes/support-priority.dmn",
        "forms/review-triage.form"})
class SupportTriageProcessTests {

    private static final double THRESHOLD = 0.7;
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    ProcessEngine engine;
    final TextClassifier classifier = mock(TextClassifier.class);
    final ConfidenceThresholds thresholds = model -> THRESHOLD;
    final Customers customers = mock(Customers.class);
    final ReplyDrafter drafter = mock(ReplyDrafter.class);
    final Tickets tickets = mock(Tickets.class);
    final Mailer mailer = mock(Mailer.class);
    final InquiryProgress progress = mock(InquiryProgress.class);
    final RetrainingStore store = mock(RetrainingStore.class);
    final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    final OrchestrationSettings settings = new OrchestrationSettings(Duration.ofHours(4), "leads@example.com", 80);
    TriageWorkflow workflow;

    @BeforeEach
    void wireDelegates() {
        engine = extension.getProcessEngine();
        init(engine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        Mocks.register("loadCustomerDelegate", new LoadCustomerDelegate(customers));
        Mocks.register("classifyTextDelegate", new ClassifyTextDelegate(classifier, thresholds, events, 0, () -> 1));
        Mocks.register("draftReplyDelegate", new DraftReplyDelegate(drafter));
        Mocks.register("reportProgressListener", new ReportProgressListener(progress));
        Mocks.register("prepareReviewDelegate", new PrepareReviewDelegate(progress, settings));
        Mocks.register("recordFeedbackListener", new RecordFeedbackListener(store, events));
        Mocks.register("escalateReviewDelegate", new EscalateReviewDelegate(mailer, settings));
        Mocks.register("rememberReplyDelegate", new RememberReplyDelegate(drafter));
        Mocks.register("createTicketDelegate", new CreateTicketDelegate(tickets, progress));
        Mocks.register("sendAcknowledgementDelegate", new SendAcknowledgementDelegate(mailer, progress));
        workflow = new TriageWorkflow(engine.getRuntimeService(), engine.getHistoryService(),
                engine.getIdentityService());

        when(customers.resolve(any(), any())).thenReturn(
                new Customer("cust-7", "Acme Ltd", "acme.example", "silver", new BigDecimal("20000")));
        when(drafter.draft(anyString(), anyString())).thenReturn(new ReplyDrafter.DraftReply(
                "Thanks, we are looking into your invoice.", "template:billing-1", 0.82, List.of()));
        when(tickets.open(any())).thenAnswer(call -> {
            Tickets.TicketRequest r = call.getArgument(0);
            return new Ticket("T-" + r.inquiryId(), r.inquiryId(), r.subject(), r.topic(), r.urgency(), r.priority(),
                    r.team(), r.slaDue(), r.reply(), r.decidedBy(), "OPEN", NOW);
        });
        when(mailer.send(anyString(), anyString(), anyString(), anyString())).thenAnswer(call -> new OutboxMessage(
                "m-1", call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3), "KEPT",
                null, NOW, null));
        when(store.record(any())).thenAnswer(call -> call.getArgument(0));
    }

    @AfterEach
    void cleanUp() {
        Mocks.reset();
        ClockUtil.reset();
        reset();
    }

    @Test
    void confidentInquiryIsTicketedAndAcknowledgedWithoutAPerson() {
        // Given both models are confident
        classifies("support-topic", "billing", 0.93);
        classifies("support-urgency", "high", 0.88);

        // When the inquiry is started and its jobs run
        String id = workflow.start(inquiry("inq-1"));
        ProcessInstance pi = instance(id);
        executeJob(pi, CLASSIFY);

        // Then it went straight through, with priority and team from DMN (high x silver -> P2 / 24h)
        bpmn(pi).hasPassedInOrder(LOAD_CUSTOMER, CLASSIFY_TOPIC, CLASSIFY_URGENCY, DECIDE_PRIORITY, DRAFT_REPLY,
                        CONFIDENT, CREATE_TICKET, SEND_ACKNOWLEDGEMENT, INQUIRY_TRIAGED)
                .hasNotPassed(REVIEW_TRIAGE, REMEMBER_REPLY).isEnded();
        verify(drafter, never()).remember(anyString(), anyString(), anyString());
        ArgumentCaptor<Tickets.TicketRequest> ticket = ArgumentCaptor.forClass(Tickets.TicketRequest.class);
        verify(tickets).open(ticket.capture());
        assertThat(ticket.getValue()).satisfies(t -> {
            assertThat(t.inquiryId()).isEqualTo("inq-1");
            assertThat(t.topic()).isEqualTo("billing");
            assertThat(t.urgency()).isEqualTo("high");
            assertThat(t.priority()).isEqualTo("P2");
            assertThat(t.team()).isEqualTo("billing-team");
            assertThat(t.slaDue()).isEqualTo(NOW.plus(Duration.ofHours(24)).toString());
            assertThat(t.decidedBy()).isEqualTo("ai");
            assertThat(t.reply()).isEqualTo("Thanks, we are looking into your invoice.");
        });
        verify(mailer).send(eq("ack:inq-1"), eq("jane@acme.example"), eq("Re: Invoice charged twice"),
                contains("Thanks, we are looking into your invoice."));
        verify(progress).triaged(eq("inq-1"), eq("CLASSIFIED"), contains("\"label\":\"billing\""));
        var inOrder = org.mockito.Mockito.inOrder(progress);
        inOrder.verify(progress).triaged(eq("inq-1"), eq("CLASSIFIED"), anyString());
        inOrder.verify(progress).ticketed("inq-1", "T-inq-1", "TICKETED");
        inOrder.verify(progress).status("inq-1", "DONE");
        verify(progress, never()).status("inq-1", "REVIEW");

        // and each decision is one JSON variable plus convenience variables, and was published
        Map<String, Object> vars = historicVariables(pi);
        assertThat(vars).containsEntry("topicDecisionLabel", "billing").containsEntry("topicDecisionConfident", true)
                .containsEntry("urgencyDecisionConfidence", 0.88).containsEntry("decidedBy", "ai")
                .containsEntry("ticketId", "T-inq-1").containsEntry("replySource", "template:billing-1");
        AiDecision topic = AiDecision.fromVariable(Variables.untypedValue(vars.get("topicDecision")));
        assertThat(topic.model()).isEqualTo("support-topic");
        assertThat(topic.version()).isEqualTo(3);
        assertThat(topic.alternatives()).extracting(AiDecision.Alternative::label).containsExactly("account");
        assertThat(topic.decisionId()).isNotBlank();
        assertThat(topic.input()).isEqualTo("Invoice charged twice\nI was charged twice for March.");
        // and the steps' input parameters (transient) are not in history, while the DMN's inputs are in its own
        assertThat(vars).doesNotContainKeys("model", "text", "resultVariable");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .list()).extracting(v -> v.getActivityInstanceId()).containsOnly(pi.getId());
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(pi.getId())
                .includeInputs().list()).flatExtracting(d -> d.getInputs())
                .extracting(i -> i.getValue()).contains("billing", "high", "silver");
        List<AiDecisionMade> made = published(AiDecisionMade.class, 2);
        assertThat(made).extracting(AiDecisionMade::model).containsExactly("support-topic", "support-urgency");
        assertThat(made.get(0).decisionId()).isEqualTo(topic.decisionId());
        assertThat(made.get(0).businessKey()).isEqualTo("inq-1");
        assertThat(made.get(0).processDefinitionKey()).isEqualTo("support-triage");
        assertThat(made.get(0).activityId()).isEqualTo(CLASSIFY_TOPIC);
        assertThat(made.get(0).inputFingerprint()).hasSize(64);
        assertThat(made.get(0).alternatives()).containsExactly("account=0.04");

        // and starting the same inquiry again finds the finished instance instead of starting a second one
        assertThat(workflow.start(inquiry("inq-1"))).isEqualTo(id);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey("inq-1").count()).isEqualTo(1);
    }

    @Test
    void unsureInquiryIsReviewedAndTheCorrectionFeedsTheRetrainingStore() {
        // Given the urgency model is unsure
        classifies("support-topic", "billing", 0.91);
        classifies("support-urgency", "normal", 0.41);
        String id = workflow.start(inquiry("inq-2"));
        assertThat(workflow.start(inquiry("inq-2"))).as("running instance found again").isEqualTo(id);
        ProcessInstance pi = instance(id);
        executeJob(pi, CLASSIFY);

        // Then a review task waits for approvers, pre-filled with the AI's proposal (normal x silver -> P3 / 48h)
        bpmn(pi).isWaitingAt(REVIEW_TRIAGE).hasPassed(PREPARE_REVIEW).hasNotPassed(CREATE_TICKET);
        Task task = reviewTask(pi);
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("approvers"));
        Map<String, Object> vars = engine.getRuntimeService().getVariables(pi.getId());
        assertThat(vars).containsEntry("topic", "billing").containsEntry("urgency", "normal")
                .containsEntry("proposedUrgency", "normal").containsEntry("proposedUrgencyConfidence", "41 %")
                .containsEntry("proposedTopicAlternatives", "account 4 %").containsEntry("aiFailed", false)
                .containsEntry("reply", "Thanks, we are looking into your invoice.")
                .containsEntry("priority", "P3").containsEntry("reviewSla", "PT48H");
        verify(progress).status("inq-2", "REVIEW");

        // When the approver corrects the urgency and completes the task
        engine.getTaskService().claim(task.getId(), "approver");
        engine.getTaskService().complete(task.getId(), Map.of("topic", "billing", "urgency", "critical",
                "reply", "We are on it.", "overrideReason", "Customer cannot invoice anyone"));
        executeJob(pi, RECOMPUTE_PRIORITY);

        // Then priority is recomputed from the human's urgency (critical x silver -> P2 / 8h) and the ticket is theirs
        bpmn(pi).hasPassedInOrder(REVIEW_TRIAGE, RECOMPUTE_PRIORITY, REMEMBER_REPLY, CREATE_TICKET,
                SEND_ACKNOWLEDGEMENT, INQUIRY_TRIAGED).isEnded();
        verify(drafter).remember("Invoice charged twice\nI was charged twice for March.", "billing", "We are on it.");
        ArgumentCaptor<Tickets.TicketRequest> ticket = ArgumentCaptor.forClass(Tickets.TicketRequest.class);
        verify(tickets).open(ticket.capture());
        assertThat(ticket.getValue().urgency()).isEqualTo("critical");
        assertThat(ticket.getValue().priority()).isEqualTo("P2");
        assertThat(ticket.getValue().decidedBy()).isEqualTo("approver");
        assertThat(ticket.getValue().reply()).isEqualTo("We are on it.");
        verify(mailer).send(eq("ack:inq-2"), eq("jane@acme.example"), anyString(), contains("We are on it."));

        // and both verdicts were filed: the urgency as a correction, the topic as a confirmation
        ArgumentCaptor<Feedback> feedback = ArgumentCaptor.forClass(Feedback.class);
        verify(store, times(2)).record(feedback.capture());
        Feedback urgency = feedback.getAllValues().stream().filter(f -> f.model().equals("support-urgency"))
                .findFirst().orElseThrow();
        assertThat(urgency.predicted()).isEqualTo("normal");
        assertThat(urgency.corrected()).isEqualTo("critical");
        assertThat(urgency.overridden()).isTrue();
        assertThat(urgency.actor()).isEqualTo("approver");
        assertThat(urgency.reason()).isEqualTo("Customer cannot invoice anyone");
        assertThat(urgency.modelVersion()).isEqualTo(3);
        assertThat(urgency.input()).isEqualTo("Invoice charged twice\nI was charged twice for March.");
        assertThat(urgency.processInstanceId()).isEqualTo(pi.getId());
        assertThat(urgency.source()).isEqualTo("support-triage/ReviewTriage");
        Feedback topic = feedback.getAllValues().stream().filter(f -> f.model().equals("support-topic"))
                .findFirst().orElseThrow();
        assertThat(topic.overridden()).isFalse();
        List<AiDecisionMade> made = published(AiDecisionMade.class, 2);
        List<AiDecisionReviewed> reviewed = published(AiDecisionReviewed.class, 2);
        AiDecisionReviewed urgencyReview = reviewed.stream().filter(r -> r.model().equals("support-urgency"))
                .findFirst().orElseThrow();
        assertThat(urgencyReview.proposed()).isEqualTo("normal");
        assertThat(urgencyReview.finalValue()).isEqualTo("critical");
        assertThat(urgencyReview.actor()).isEqualTo("approver");
        assertThat(urgencyReview.decisionId()).isEqualTo(made.get(1).decisionId()).isEqualTo(urgency.decisionId());
    }

    @Test
    void aConfidentDecisionPickedForASpotCheckIsReviewedAndFiledAsSpotCheck() {
        // Given both models are confident, and the spot-check draw (rate 10 %) picks every decision
        Mocks.register("classifyTextDelegate", new ClassifyTextDelegate(classifier, thresholds, events, 0.1,
                () -> 0.05));
        classifies("support-topic", "billing", 0.93);
        classifies("support-urgency", "high", 0.88);

        // When the inquiry runs
        String id = workflow.start(inquiry("inq-spot"));
        ProcessInstance pi = instance(id);
        executeJob(pi, CLASSIFY);

        // Then a person sees it although the models were sure
        bpmn(pi).isWaitingAt(REVIEW_TRIAGE).hasNotPassed(CREATE_TICKET);
        assertThat(engine.getRuntimeService().getVariables(pi.getId()))
                .containsEntry("topicDecisionSpotCheck", true).containsEntry("topicDecisionConfident", false);

        // and the confirmation is filed as a spot check, which calibration weighs as the automated decisions
        Task task = reviewTask(pi);
        engine.getTaskService().claim(task.getId(), "approver");
        engine.getTaskService().complete(task.getId(), Map.of("topic", "billing", "urgency", "high",
                "reply", "Thanks."));
        ArgumentCaptor<Feedback> feedback = ArgumentCaptor.forClass(Feedback.class);
        verify(store, times(2)).record(feedback.capture());
        assertThat(feedback.getAllValues()).allSatisfy(f -> {
            assertThat(f.source()).isEqualTo("support-triage/ReviewTriage/spot-check");
            assertThat(f.spotCheck()).isTrue();
            assertThat(f.overridden()).isFalse();
        });
    }

    @Test
    void aDrawAboveTheSpotCheckRateLeavesAConfidentDecisionAutomated() {
        Mocks.register("classifyTextDelegate", new ClassifyTextDelegate(classifier, thresholds, events, 0.1,
                () -> 0.5));
        classifies("support-topic", "billing", 0.93);
        classifies("support-urgency", "high", 0.88);
        ProcessInstance pi = instance(workflow.start(inquiry("inq-nospot")));
        executeJob(pi, CLASSIFY);
        bpmn(pi).hasNotPassed(REVIEW_TRIAGE).isEnded();
        assertThat(historicVariables(pi)).doesNotContainKey("topicDecisionSpotCheck")
                .containsEntry("topicDecisionConfident", true);
    }

    @Test
    void reviewThatBreachesItsSlaIsEscalatedWhileTheTaskStaysOpen() {
        // Given an inquiry waiting for review with a 48h SLA
        classifies("support-topic", "billing", 0.50);
        classifies("support-urgency", "normal", 0.90);
        ProcessInstance pi = instance(workflow.start(inquiry("inq-3")));
        executeJob(pi, CLASSIFY);
        Job timer = job(pi, REVIEW_SLA_BREACHED);
        assertThat(timer.getDuedate().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(48)));

        // When the SLA timer fires
        engine.getManagementService().executeJob(timer.getId());

        // Then the escalation mail went out once, the task got a higher priority and is still open
        verify(mailer).send(eq("escalation:inq-3"), eq("leads@example.com"), contains("Invoice charged twice"),
                contains("inq-3"));
        bpmn(pi).hasPassed(ESCALATE_REVIEW, REVIEW_ESCALATED).isWaitingAt(REVIEW_TRIAGE);
        assertThat(reviewTask(pi).getPriority()).isEqualTo(80);
        verify(tickets, never()).open(any());
    }

    @Test
    void classificationFailureRoutesToReviewWithTheReason() {
        // Given the urgency model cannot classify
        classifies("support-topic", "billing", 0.95);
        when(classifier.classify(eq("support-urgency"), anyString()))
                .thenThrow(new ClassificationException("the text has no words the model knows"));
        ProcessInstance pi = instance(workflow.start(inquiry("inq-4")));

        // When classification runs
        executeJob(pi, CLASSIFY);

        // Then the error boundary routed to a person, with the reason and the default review SLA
        bpmn(pi).hasPassed(CLASSIFICATION_FAILED, PREPARE_REVIEW).hasNotPassed(DECIDE_PRIORITY, DRAFT_REPLY)
                .isWaitingAt(REVIEW_TRIAGE);
        Map<String, Object> vars = engine.getRuntimeService().getVariables(pi.getId());
        assertThat(vars).containsEntry("aiFailed", true).containsEntry("reviewSla", "PT4H")
                .containsEntry("topic", "billing").containsEntry("proposedTopic", "billing")
                .containsEntry("proposedUrgency", null);
        assertThat((String) vars.get("aiFailedMessage"))
                .contains("support-urgency").contains("the text has no words the model knows");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();

        // When an approver completes the task without claiming it (as Tasklist may), authenticated as themselves
        Task task = reviewTask(pi);
        engine.getIdentityService().setAuthenticatedUserId("approver2");
        try {
            engine.getTaskService().complete(task.getId(), Map.of("topic", "billing", "urgency", "low",
                    "reply", "We will check.", "overrideReason", ""));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        executeJob(pi, RECOMPUTE_PRIORITY);

        // Then only the topic decision has feedback (urgency was never predicted), by the authenticated user
        ArgumentCaptor<Feedback> feedback = ArgumentCaptor.forClass(Feedback.class);
        verify(store).record(feedback.capture());
        assertThat(feedback.getValue().model()).isEqualTo("support-topic");
        assertThat(feedback.getValue().actor()).isEqualTo("approver2");
        assertThat(feedback.getValue().reason()).isNull();
        ArgumentCaptor<Tickets.TicketRequest> ticket = ArgumentCaptor.forClass(Tickets.TicketRequest.class);
        verify(tickets).open(ticket.capture());
        assertThat(ticket.getValue().decidedBy()).isEqualTo("approver2");
        assertThat(ticket.getValue().urgency()).isEqualTo("low");
        assertThat(ticket.getValue().priority()).isEqualTo("P4");
        bpmn(pi).isEnded();
    }

    @Test
    void technicalFailureBecomesAnIncidentWithAReadableMessage() {
        // Given the topic model breaks in a way no person can fix in a review
        when(classifier.classify(eq("support-topic"), anyString()))
                .thenThrow(new IllegalStateException("model file support-topic/v3 is corrupt"));
        ProcessInstance pi = instance(workflow.start(inquiry("inq-5")));

        // When the classification job has used up its retries
        failJobUntilNoRetries(pi, CLASSIFY);

        // Then an incident says why, and nothing went to a person or the ticket system
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(CLASSIFY);
        assertThat(incident.getIncidentMessage()).contains("model file support-topic/v3 is corrupt");
        bpmn(pi).hasNotPassed(CLASSIFICATION_FAILED, REVIEW_TRIAGE);
        verify(tickets, never()).open(any());
    }

    @Test
    void ticketSystemDownRetriesTheJobThatOpensTheTicketWithoutLosingTheReview() {
        // Given the ticket system is down
        org.mockito.Mockito.doThrow(new IllegalStateException("ticket system unreachable")).when(tickets).open(any());

        // When a confident inquiry's classify job runs (the ticket is opened in it, no job of its own)
        classifies("support-topic", "billing", 0.93);
        classifies("support-urgency", "high", 0.88);
        ProcessInstance straight = instance(workflow.start(inquiry("inq-8")));
        failJobUntilNoRetries(straight, CLASSIFY);

        // Then that job is the incident, with the ticket system's message, and nothing was acknowledged
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(straight.getId())
                .singleResult().getIncidentMessage()).contains("ticket system unreachable");
        verify(mailer, never()).send(eq("ack:inq-8"), anyString(), anyString(), anyString());

        // When a reviewed inquiry is completed by its approver while the ticket system is still down
        classifies("support-urgency", "normal", 0.41);
        ProcessInstance reviewed = instance(workflow.start(inquiry("inq-9")));
        executeJob(reviewed, CLASSIFY);
        engine.getTaskService().complete(reviewTask(reviewed).getId(), Map.of("topic", "billing", "urgency",
                "high", "reply", "We are on it.", "overrideReason", "Outage"));

        // Then the completion is kept (feedback filed) and the rest waits in a job that retries
        assertThat(reviewTask(reviewed)).isNull();
        verify(store, times(2)).record(any());
        failJobUntilNoRetries(reviewed, RECOMPUTE_PRIORITY);
        bpmn(reviewed).hasPassed(REVIEW_TRIAGE).isNotEnded();
    }

    @Test
    void unknownModelIsAModellingErrorAndBecomesAnIncident() {
        // Given the diagram names a model that is not registered
        when(classifier.classify(eq("support-topic"), anyString()))
                .thenThrow(new UnknownModelException("support-topic"));
        ProcessInstance pi = instance(workflow.start(inquiry("inq-6")));

        // When the classification job has used up its retries
        failJobUntilNoRetries(pi, CLASSIFY);

        // Then it is an incident (retry once the model is registered), not a review
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult()
                .getIncidentMessage()).contains("No model named 'support-topic'");
        bpmn(pi).hasNotPassed(REVIEW_TRIAGE);
    }

    @Test
    void longMessageIsClippedSoItFitsTheEngineVariables() {
        // Given a message far longer than a Camunda string variable may be
        classifies("support-topic", "technical", 0.93);
        classifies("support-urgency", "low", 0.93);
        String body = "The export fails again. ".repeat(1000);
        Inquiry inquiry = new Inquiry("inq-7", "email", "jane@acme.example", "Export ".repeat(200), body, null,
                null, NOW);

        // When it is triaged
        ProcessInstance pi = instance(workflow.start(inquiry));
        executeJob(pi, CLASSIFY);

        // Then the process completes, and the model saw the clipped text (the full one stays in the inbox)
        bpmn(pi).isEnded();
        ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
        verify(classifier).classify(eq("support-topic"), text.capture());
        assertThat(text.getValue()).startsWith("Export Export").contains("The export fails again.")
                .contains("[... clipped; full text in the inbox]").hasSizeLessThan(4000);
    }

    @Test
    void startIsIdempotentAndIndependentOfTheCallersAuthorizations() {
        // Given authorizations are on and the caller has no permission on any process
        var config = extension.getProcessEngineConfiguration();
        engine.getIdentityService().setAuthentication("intake-bot", List.of("nobody"));
        config.setAuthorizationEnabled(true);
        String first;
        String second;
        try {
            // When the same inquiry is started twice
            first = workflow.start(inquiry("inq-8"));
            second = workflow.start(inquiry("inq-8"));

            // Then the caller's authentication is back afterwards
            assertThat(engine.getIdentityService().getCurrentAuthentication().getUserId()).isEqualTo("intake-bot");
        } finally {
            config.setAuthorizationEnabled(false);
            engine.getIdentityService().clearAuthentication();
        }

        // and one instance exists, keyed by the inquiry id, with the inquiry's variables
        assertThat(second).isEqualTo(first);
        String firstStart;
        engine.getIdentityService().setAuthentication("intake-bot", List.of("nobody"));
        config.setAuthorizationEnabled(true);
        try {
            // and a first start (no look-up) starts as the inbox too, and a later start finds that instance
            firstStart = workflow.startFirst(inquiry("inq-9"));
            assertThat(workflow.start(inquiry("inq-9"))).isEqualTo(firstStart);
            assertThat(engine.getIdentityService().getCurrentAuthentication().getUserId()).isEqualTo("intake-bot");
        } finally {
            config.setAuthorizationEnabled(false);
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(engine.getRuntimeService().getVariables(firstStart)).containsEntry("inquiryId", "inq-9");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("inq-8")
                .count()).isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariables(first)).containsEntry("inquiryId", "inq-8")
                .containsEntry("channel", "rest").containsEntry("from", "jane@acme.example")
                .containsEntry("subject", "Invoice charged twice")
                // the customer was resolved in the start's transaction; classification waits for the job executor
                .containsEntry("customerId", "cust-7").containsEntry("customerTier", "silver");
        bpmn(instance(first)).hasPassed(LOAD_CUSTOMER).isWaitingAt(CLASSIFY);
    }

    // --- helpers

    private void classifies(String model, String label, double confidence) {
        when(classifier.classify(eq(model), anyString())).thenReturn(new Prediction(model, 3, label, confidence,
                List.of(new Prediction.Alternative(model.equals("support-topic") ? "account" : "low", 0.04)),
                "nearest examples: " + label));
    }

    private static Inquiry inquiry(String id) {
        return new Inquiry(id, "rest", "jane@acme.example", "Invoice charged twice",
                "I was charged twice for March.", null, null, NOW);
    }

    private ProcessInstance instance(String id) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private static org.camunda.bpm.engine.test.assertions.bpmn.ProcessInstanceAssert bpmn(ProcessInstance pi) {
        return org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(pi);
    }

    private Job job(ProcessInstance pi, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).singleResult();
        assertThat(job).as("job at %s", activityId).isNotNull();
        return job;
    }

    private void executeJob(ProcessInstance pi, String activityId) {
        engine.getManagementService().executeJob(job(pi, activityId).getId());
    }

    private void failJobUntilNoRetries(ProcessInstance pi, String activityId) {
        Job job = job(pi, activityId);
        for (int attempt = 0; attempt < 10 && job.getRetries() > 0; attempt++) {
            String jobId = job.getId();
            assertThatThrownBy(() -> engine.getManagementService().executeJob(jobId)).isInstanceOf(Exception.class);
            job = job(pi, activityId);
        }
        assertThat(job.getRetries()).isZero();
    }

    private Task reviewTask(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(REVIEW_TRIAGE).singleResult();
    }

    private Map<String, Object> historicVariables(ProcessInstance pi) {
        Map<String, Object> vars = new java.util.HashMap<>();
        engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list()
                .forEach(v -> vars.put(v.getName(), v.getTypedValue() instanceof JsonValue json
                        ? json : v.getValue()));
        return vars;
    }

    private <T> List<T> published(Class<T> type, int expected) {
        ArgumentCaptor<Object> captor = ArgumentCaptor.forClass(Object.class);
        verify(events, org.mockito.Mockito.atLeast(0)).publishEvent(captor.capture());
        List<T> matching = captor.getAllValues().stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).hasSize(expected);
        return matching;
    }
}
