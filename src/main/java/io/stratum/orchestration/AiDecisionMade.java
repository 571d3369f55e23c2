package io.stratum.orchestration;

import java.time.Instant;
import java.util.List;

/**
 * Published when a BPMN step records an AI decision (synchronously, inside the engine's transaction).
 *
 * @param inputFingerprint SHA-256 of the model input, so the log proves what was decided on without storing it
 * @param alternatives     runners-up as "label=confidence" strings, best first
 */
public record AiDecisionMade(String decisionId, String processInstanceId, String businessKey,
                             String processDefinitionKey, String activityId, String model, int modelVersion,
                             String inputFingerprint, String output, double confidence, List<String> alternatives,
                             String explanation, Instant at) {
}
