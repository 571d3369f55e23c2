package io.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.Prediction;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One AI decision as stored in a process variable (Spin JSON): what the model said, about which input, under which
 * decision id. The input text travels along so the review listener can file feedback on exactly what was classified.
 */
public record AiDecision(String model, int version, String label, double confidence, List<Alternative> alternatives,
                         String explanation, String decisionId, String input) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public record Alternative(String label, double confidence) {
    }

    static AiDecision of(Prediction p, String decisionId, String input) {
        List<Alternative> alternatives = p.alternatives() == null ? List.of()
                : p.alternatives().stream().map(a -> new Alternative(a.label(), a.confidence())).toList();
        return new AiDecision(p.model(), p.version(), p.label(), p.confidence(), alternatives, p.explanation(),
                decisionId, input);
    }

    /** Runners-up as "label=0.12" strings, best first (the event and audit format). */
    List<String> alternativesAsStrings() {
        return alternatives.stream().map(a -> a.label() + "=" + round(a.confidence())).toList();
    }

    /** Runners-up for people: "account 12 %, general 5 %". */
    String alternativesAsText() {
        return alternatives.stream().map(a -> a.label() + " " + percent(a.confidence()))
                .collect(Collectors.joining(", "));
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write AI decision " + decisionId + " as JSON", e);
        }
    }

    JsonValue toVariable() {
        return SpinValues.jsonValue(toJson()).create();
    }

    /**
     * For decisions made on every instance (text classification): a string variable when the JSON fits Camunda's
     * 4000-character text column. Spin JSON lives in a byte-array row, written once for the runtime variable and
     * once per history row and deleted again at the end (six extra rows per decision under history FULL); a string
     * is a column of the variable row. Readers go through {@link #fromVariable}, which takes both.
     */
    TypedValue toCompactVariable() {
        String json = toJson();
        return json.length() <= MAX_STRING_VARIABLE ? Variables.stringValue(json)
                : SpinValues.jsonValue(json).create();
    }

    /** Camunda's TEXT_ column of a string variable (VARCHAR(4000) on H2 and PostgreSQL). */
    static final int MAX_STRING_VARIABLE = 4000;

    /** Reads the decision from a Spin JSON (or plain JSON string) variable; null when the variable is absent. */
    static AiDecision fromVariable(TypedValue value) {
        String json = JsonVariables.text(value);
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, AiDecision.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Variable is not an AI decision: " + e.getOriginalMessage(), e);
        }
    }

    static String percent(double confidence) {
        return Math.round(confidence * 100) + " %";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
