package io.stratum.action.record;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** The generic record store: idempotent upserts of JSON objects by (type, key). */
public interface Records {

    /**
     * Creates the record, or replaces its data when it exists. Idempotent: the same data again is no change (same
     * version), so a retried job does not count a second update.
     *
     * @param expectedVersion null = last writer wins; otherwise the version the caller read (0 = must not exist yet)
     * @throws RecordConflictException when {@code expectedVersion} is not the stored version
     * @throws InvalidRecordException  when type or key are not acceptable
     */
    StoredRecord upsert(String type, String key, ObjectNode data, Long expectedVersion);

    Optional<StoredRecord> find(String type, String key);
}
