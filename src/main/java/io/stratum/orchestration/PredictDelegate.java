package io.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.stratum.intelligence.InvalidFeaturesException;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.TabularModels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.stratum.orchestration.GenericInputs.JSON;
import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * "Predict": input parameters {@code model} (a registered tabular model, e.g. maintenance-failure),
 * {@code features} (one "name = value" per line, each value an expression the engine has already evaluated; or a
 * map) and {@code resultVariable}. Writes the AI decision JSON (model, version, label, confidence, alternatives,
 * explanation, decisionId, input = the features as JSON) plus {@code <result>Label}, {@code ...Confidence} and
 * {@code ...Confident} (against {@code stratum.predict.thresholds.<model>}), and publishes {@link AiDecisionMade},
 * so the decision log and the metrics see it like any other AI decision. Missing or invalid features fail the step
 * with a message naming the feature (an incident when asynchronous).
 */
@Component
public class PredictDelegate implements JavaDelegate {

    static final String TEMPLATE = "Predict";
    static final String IN_FEATURES = "features";

    private final TabularModels models;
    private final ApplicationEventPublisher events;

    public PredictDelegate(TabularModels models, ApplicationEventPublisher events) {
        this.models = models;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String model = GenericInputs.required(execution, IN_MODEL, TEMPLATE);
        String resultVariable = GenericInputs.required(execution, IN_RESULT_VARIABLE, TEMPLATE);
        Map<String, Object> features = features(execution);
        String input;
        try {
            input = JSON.writeValueAsString(features);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "': features are not writable as JSON: " + e.getOriginalMessage(), e);
        }
        Prediction prediction;
        try {
            prediction = models.predict(model, features);
        } catch (InvalidFeaturesException e) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId() + "': "
                    + e.getMessage(), e);
        }
        boolean confident = prediction.confidence() >= models.threshold(model);

        AiDecision decision = AiDecision.of(prediction, UUID.randomUUID().toString(), input);
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(resultVariable, decision.toVariable());
        instance.setVariable(resultVariable + LABEL_SUFFIX, decision.label());
        instance.setVariable(resultVariable + CONFIDENCE_SUFFIX, decision.confidence());
        instance.setVariable(resultVariable + CONFIDENT_SUFFIX, confident);

        events.publishEvent(new AiDecisionMade(decision.decisionId(), execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), ClassifyTextDelegate.processDefinitionKey(execution),
                execution.getCurrentActivityId(), decision.model(), decision.version(),
                ClassifyTextDelegate.sha256(input), decision.label(), decision.confidence(),
                decision.alternativesAsStrings(), decision.explanation(), ClockUtil.now().toInstant()));
    }

    /** Sorted by name, so the same features always give the same fingerprint. */
    static Map<String, Object> features(DelegateExecution execution) {
        Object value = execution.getVariableLocal(IN_FEATURES);
        Map<String, Object> features = new TreeMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> features.put(String.valueOf(k), v));
            return features;
        }
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "' needs the input parameter 'features' (see the Predict element template)");
        }
        for (String line : value.toString().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("Activity '" + execution.getCurrentActivityId() + "': feature line '"
                        + line.strip() + "' must read 'name = value'");
            }
            features.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return features;
    }
}
