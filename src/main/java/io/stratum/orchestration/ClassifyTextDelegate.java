package io.stratum.orchestration;

import io.stratum.intelligence.ClassificationException;
import io.stratum.intelligence.ConfidenceThresholds;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.TextClassifier;
import io.stratum.intelligence.UnknownModelException;
import io.stratum.learning.LearningSettings;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * "Classify text": a generic step configured in the BPMN by input parameters {@code model} (registered model name),
 * {@code text} (an expression over process variables) and {@code resultVariable}. Writes the decision as one JSON variable
 * (a string when it fits Camunda's string column, else Spin JSON; see {@link AiDecision#toCompactVariable}) plus {@code <resultVariable>Label}, {@code ...Confidence} and {@code ...Confident} (confidence at or above
 * the model's configured threshold) on the process instance, and publishes {@link AiDecisionMade}. A share of the
 * confident decisions ({@code stratum.learning.spot-check-rate}) is marked not confident at random, with
 * {@code ...SpotCheck = true} (absent otherwise): a person checks them, and calibration learns how right the
 * automated decisions are.
 * <p>
 * A model that cannot classify raises the BPMN error {@code ClassificationFailed} (the process routes to a person),
 * after setting {@code aiFailed}/{@code aiFailedMessage}. An unknown model name is a modelling error and every other
 * exception is technical: both propagate and become an incident.
 */
@Component
public class ClassifyTextDelegate implements JavaDelegate {

    private final TextClassifier classifier;
    private final ConfidenceThresholds thresholds;
    private final ApplicationEventPublisher events;
    private final double spotCheckRate;
    private final DoubleSupplier random;

    @Autowired
    public ClassifyTextDelegate(TextClassifier classifier, ConfidenceThresholds thresholds,
                                ApplicationEventPublisher events, LearningSettings learning) {
        this(classifier, thresholds, events, learning.spotCheckRate(), () -> ThreadLocalRandom.current().nextDouble());
    }

    ClassifyTextDelegate(TextClassifier classifier, ConfidenceThresholds thresholds, ApplicationEventPublisher events,
                         double spotCheckRate, DoubleSupplier random) {
        this.classifier = classifier;
        this.thresholds = thresholds;
        this.events = events;
        this.spotCheckRate = spotCheckRate;
        this.random = random;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String model = required(execution, IN_MODEL);
        String resultVariable = required(execution, IN_RESULT_VARIABLE);
        Object textValue = execution.getVariable(IN_TEXT);
        String text = textValue == null ? "" : textValue.toString();

        Prediction prediction;
        try {
            prediction = classifier.classify(model, text);
        } catch (UnknownModelException e) {
            throw e;
        } catch (ClassificationException e) {
            String message = "Model '" + model + "' could not classify: " + e.getMessage();
            // Results land on the process instance: this activity's input parameters make it a local scope.
            execution.getProcessInstance().setVariable(AI_FAILED, true);
            execution.getProcessInstance().setVariable(AI_FAILED_MESSAGE, message);
            throw new BpmnError(SupportTriageProcess.CLASSIFICATION_FAILED, message);
        }

        AiDecision decision = AiDecision.of(prediction, UUID.randomUUID().toString(), text);
        boolean confident = prediction.confidence() >= thresholds.threshold(model);
        boolean spotCheck = confident && spotCheckRate > 0 && random.getAsDouble() < spotCheckRate;
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(resultVariable, decision.toCompactVariable());
        instance.setVariable(resultVariable + LABEL_SUFFIX, decision.label());
        instance.setVariable(resultVariable + CONFIDENCE_SUFFIX, decision.confidence());
        instance.setVariable(resultVariable + CONFIDENT_SUFFIX, confident && !spotCheck);
        // Only when drawn: absent reads as false, and a variable costs a runtime row, a history row and a change row
        // on every instance (history FULL).
        if (spotCheck) {
            instance.setVariable(resultVariable + SPOT_CHECK_SUFFIX, true);
        }

        events.publishEvent(new AiDecisionMade(decision.decisionId(), execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), processDefinitionKey(execution),
                execution.getCurrentActivityId(), decision.model(), decision.version(), sha256(text),
                decision.label(), decision.confidence(), decision.alternativesAsStrings(), decision.explanation(),
                ClockUtil.now().toInstant()));
    }

    static String processDefinitionKey(DelegateExecution execution) {
        // Definition ids are "<key>:<version>:<id>"; keys are NCNames and never contain ':'.
        String id = execution.getProcessDefinitionId();
        return id == null ? null : id.substring(0, id.indexOf(':') < 0 ? id.length() : id.indexOf(':'));
    }

    private static String required(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "' needs the input parameter '" + name + "' (see the Classify text element template)");
        }
        return value.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
