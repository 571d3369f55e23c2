package io.stratum.ingestion.telemetry;

/**
 * Published after each telemetry message: how many readings were accepted and rejected. A message that is unreadable
 * as a whole counts as one rejected reading.
 *
 * @param source "http" or "mqtt"
 */
public record TelemetryReceived(String source, int accepted, int rejected) {
}
