package io.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.stratum.intelligence.invoice.InvoiceFields;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

import java.util.List;

/**
 * The extraction decision as stored in the {@code invoice} process variable (Spin JSON): the fields with their
 * per-field confidence as the model proposed them, under a decision id, so the verify listener can compare the
 * person's values with exactly this proposal.
 *
 * @param confidence   the lowest confidence over the required fields (0 when one is missing)
 * @param threshold    the model threshold in force when the decision was made
 * @param unsureFields required fields that are missing or below the threshold
 * @param fingerprint  SHA-256 of the document bytes the fields were read from
 */
public record InvoiceDecision(String model, int version, String source, String decisionId, double confidence,
                              double threshold, List<String> unsureFields, String documentId, String fingerprint,
                              InvoiceFields fields) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public InvoiceDecision {
        unsureFields = unsureFields == null ? List.of() : List.copyOf(unsureFields);
    }

    boolean confident() {
        return unsureFields.isEmpty();
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write invoice decision " + decisionId + " as JSON", e);
        }
    }

    public JsonValue toVariable() {
        return SpinValues.jsonValue(toJson()).create();
    }

    /** Reads the decision from a Spin JSON (or plain JSON string) variable; null when the variable is absent. */
    static InvoiceDecision fromVariable(TypedValue value) {
        String json = JsonVariables.text(value);
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, InvoiceDecision.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Variable is not an invoice decision: " + e.getOriginalMessage(), e);
        }
    }
}
