package io.stratum.orchestration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code reviewedDecisions} input parameter of a review step: which AI decision variable is reviewed
 * against which form field, written as {@code "topicDecision=topic, urgencyDecision=urgency"}. A string rather than
 * a camunda:map, because a map-typed local variable would need Java serialization at the user task's wait state.
 */
final class ReviewedDecisions {

    private ReviewedDecisions() {
    }

    static Map<String, String> parse(Object value, String activityId) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("Activity '" + activityId + "' needs the input parameter "
                    + "'reviewedDecisions', e.g. \"topicDecision=topic, urgencyDecision=urgency\"");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : value.toString().split("[,;\\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException("Activity '" + activityId + "': 'reviewedDecisions' entry '"
                        + pair.trim() + "' is not of the form decisionVariable=formField");
            }
            pairs.put(parts[0].trim(), parts[1].trim());
        }
        return pairs;
    }

    /** "topic" -> "proposedTopic" */
    static String proposed(String field) {
        return SupportTriageProcess.Var.PROPOSED_PREFIX + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
