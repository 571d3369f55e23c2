package io.stratum.ingestion.telemetry;

/**
 * A monitored machine. {@code productType} is the AI4I quality variant (L, M, H), which sets its overstrain limit;
 * {@code requiredSkill} is what a technician needs to service it.
 */
public record Asset(String id, String name, String assetType, String productType, double lat, double lon,
                    String criticality, String requiredSkill) {

    public static final java.util.Set<String> PRODUCT_TYPES = java.util.Set.of("L", "M", "H");
    public static final java.util.Set<String> CRITICALITIES = java.util.Set.of("LOW", "MEDIUM", "HIGH");
}
