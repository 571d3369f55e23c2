package io.stratum.ingestion.telemetry;

import java.util.List;

/**
 * Port to the layers above ingestion (implemented in orchestration, which may use intelligence): scores readings
 * before they are stored, and acts on them after.
 */
public interface TelemetryAnalysis {

    /** One score per reading, in order. The readings are valid and their assets known. */
    List<ReadingScores> score(List<AssetReading> readings);

    /** Called once the scored readings are stored; opens or updates the cases of assets at risk. */
    void stored(List<ScoredReading> readings);

    /** A reading with its asset record. */
    record AssetReading(Asset asset, Reading reading) {
    }
}
