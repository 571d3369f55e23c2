package io.stratum.intelligence;

import java.time.Instant;
import java.util.Map;

/** One registered version of a named model, as the registry table records it. */
public record ModelVersion(String name, int version, String status, String path, Map<String, Object> metrics,
                           String trainingData, Instant createdAt, String createdBy, Instant promotedAt,
                           String promotedBy) {

    public static final String CHAMPION = "champion";
    public static final String CHALLENGER = "challenger";
    public static final String RETIRED = "retired";
}
