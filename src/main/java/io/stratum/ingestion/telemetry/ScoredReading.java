package io.stratum.ingestion.telemetry;

/** A stored reading with its scores and the asset it belongs to. */
public record ScoredReading(long id, Asset asset, Reading reading, ReadingScores scores) {
}
