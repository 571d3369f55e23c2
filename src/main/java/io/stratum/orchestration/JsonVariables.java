package io.stratum.orchestration;

import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.value.JsonValue;

/** The JSON text of a decision variable, stored as Spin JSON or as a plain string. */
final class JsonVariables {

    private JsonVariables() {
    }

    /** Null when the variable is absent. */
    static String text(TypedValue value) {
        if (value == null || value.getValue() == null) {
            return null;
        }
        String json = value instanceof JsonValue spin ? spin.getValueSerialized() : null;
        return json != null ? json : String.valueOf(value.getValue());
    }
}
