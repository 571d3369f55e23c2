package io.stratum.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.action.Mailer;
import io.stratum.ingestion.InquiryProgress;
import io.stratum.intelligence.ClassificationException;
import io.stratum.intelligence.TextClassifier;
import io.stratum.ingestion.Customers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationEventPublisher;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** BPMN, DMN and form deploy together (as the process application does), and the review task's formRef resolves. */
class SupportTriageDeploymentTests {

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    @AfterEach
    void resetMocks() {
        Mocks.reset();
    }

    @Test
    @Deployment(resources = {"processes/support-triage.bpmn", "processes/support-priority.dmn",
            "forms/review-triage.form"})
    void deploysTogetherAndTheReviewFormResolves() throws Exception {
        ProcessEngine engine = extension.getProcessEngine();

        // Given the three resources in one deployment
        ProcessDefinition process = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(SupportTriageProcess.KEY).singleResult();
        assertThat(process.getName()).isEqualTo("Support inquiry triage");
        assertThat(process.getHistoryTimeToLive()).isEqualTo(180);
        List<DecisionDefinition> decisions = engine.getRepositoryService().createDecisionDefinitionQuery().list();
        assertThat(decisions).extracting(DecisionDefinition::getKey)
                .containsExactlyInAnyOrder(SupportTriageProcess.PRIORITY_DECISION,
                        SupportTriageProcess.ROUTING_DECISION);
        assertThat(decisions).allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(180));

        // When an instance reaches the review task (classification fails: the shortest way there)
        TextClassifier classifier = mock(TextClassifier.class);
        when(classifier.classify(any(), any())).thenThrow(new ClassificationException("no model yet"));
        Mocks.register("loadCustomerDelegate", new LoadCustomerDelegate(mock(Customers.class)));
        Mocks.register("classifyTextDelegate",
                new ClassifyTextDelegate(classifier, model -> 0.7, mock(ApplicationEventPublisher.class), 0, () -> 1));
        Mocks.register("prepareReviewDelegate", new PrepareReviewDelegate(mock(InquiryProgress.class),
                new OrchestrationSettings(Duration.ofHours(4), "leads@example.com", 80)));
        Mocks.register("escalateReviewDelegate", new EscalateReviewDelegate(mock(Mailer.class),
                new OrchestrationSettings(Duration.ofHours(4), "leads@example.com", 80)));
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(SupportTriageProcess.KEY, "inq-d",
                Variables.putValue("inquiryId", "inq-d").putValue("from", "a@b.example")
                        .putValue("subject", "s").putValue("body", "b"));
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(pi.getId()).activityId(SupportTriageProcess.Element.CLASSIFY).singleResult()
                .getId());
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();

        // Then the task's formRef resolves to the deployed Camunda Form
        assertThat(task.getTaskDefinitionKey()).isEqualTo(SupportTriageProcess.Element.REVIEW_TRIAGE);
        JsonNode form;
        try (InputStream in = engine.getFormService().getDeployedTaskForm(task.getId())) {
            form = new ObjectMapper().readTree(in);
        }
        assertThat(form.get("id").asText()).isEqualTo(SupportTriageProcess.REVIEW_FORM);
        assertThat(form.get("executionPlatform").asText()).isEqualTo("Camunda Platform");
        List<String> editable = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<String> urgencies = new ArrayList<>();
        for (JsonNode c : form.get("components")) {
            if (c.has("key") && !c.path("disabled").asBoolean(false)) {
                editable.add(c.get("key").asText());
            }
            if ("topic".equals(c.path("key").asText())) {
                c.get("values").forEach(v -> topics.add(v.get("value").asText()));
            }
            if ("urgency".equals(c.path("key").asText())) {
                c.get("values").forEach(v -> urgencies.add(v.get("value").asText()));
            }
        }
        // only the reviewer's decision is submitted; everything shown for context is disabled
        assertThat(editable).containsExactlyInAnyOrder("topic", "urgency", "reply", "overrideReason");
        assertThat(topics).containsExactly("billing", "technical", "account", "shipping", "returns", "general");
        assertThat(urgencies).containsExactly("low", "normal", "high", "critical");
    }
}
