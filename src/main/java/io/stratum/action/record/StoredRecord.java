package io.stratum.action.record;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One generic record: a JSON object under (type, key). {@code version} starts at 1 and grows by one with every change
 * of the data; an upsert with unchanged data leaves it as it is.
 */
public record StoredRecord(String type, String key, JsonNode data, long version, Instant createdAt,
                           Instant updatedAt) {
}
