package io.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.plugin.variable.value.JsonValue;

import java.util.Collection;
import java.util.Map;

/**
 * Reading the input parameters of the generic components, with errors that name the activity and the template. Local
 * variables only: an input parameter Modeler left out must not pick up a process variable of the same name.
 */
final class GenericInputs {

    /** Strict: "123 abc" is not JSON. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private GenericInputs() {
    }

    static String required(DelegateExecution execution, String name, String template) {
        String value = optional(execution, name);
        if (value == null) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId()
                    + "' needs the input parameter '" + name + "' (see the " + template + " element template)");
        }
        return value;
    }

    /** The parameter as text; null when absent or blank. */
    static String optional(DelegateExecution execution, String name) {
        Object value = execution.getVariableLocal(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    /**
     * A JSON input: a map or list built by an expression, a Spin JSON variable, or JSON text (with expressions already
     * replaced by the engine). Null when absent or blank.
     */
    static JsonNode json(DelegateExecution execution, String name) {
        Object value = execution.getVariableLocalTyped(name) instanceof JsonValue spin
                ? spin.getValueSerialized() : execution.getVariableLocal(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return JSON.valueToTree(value);
        }
        try {
            return JSON.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Activity '" + execution.getCurrentActivityId() + "': input parameter '"
                    + name + "' is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
