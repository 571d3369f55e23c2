package io.stratum.action.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Table {@code generic_record}. Updates are compare-and-set on the version, so two writers never lose each other's
 * change silently: with an expected version the loser gets a {@link RecordConflictException}, without one it re-reads
 * and writes over the newer data (last writer wins, as asked).
 */
@Service
class RecordStore implements Records {

    static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,199}");
    /** Compare-and-set rounds before giving up under heavy contention on one record. */
    private static final int ATTEMPTS = 5;

    private final JdbcClient jdbc;
    /** The insert runs under a savepoint: on PostgreSQL a failed statement aborts the whole transaction otherwise. */
    private final TransactionTemplate savepoint;
    private final ObjectMapper json;
    private final Clock clock;
    private final RowMapper<StoredRecord> mapper;

    @Autowired
    RecordStore(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
        this(jdbc, transactions, json, Clock.systemUTC());
    }

    RecordStore(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.json = json;
        this.clock = clock;
        this.mapper = (rs, n) -> new StoredRecord(rs.getString("record_type"), rs.getString("record_key"),
                parse(rs.getString("data")), rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    @Override
    public StoredRecord upsert(String type, String key, ObjectNode data, Long expectedVersion) {
        check("type", type, TYPE);
        check("key", key, KEY);
        Objects.requireNonNull(data, "data");
        String text = write(data);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredRecord> current = find(type, key);
            Timestamp now = Timestamp.from(clock.instant());
            if (current.isEmpty()) {
                if (expectedVersion != null && expectedVersion != 0) {
                    throw new RecordConflictException(type + " " + key + " does not exist, expected version "
                            + expectedVersion);
                }
                try {
                    savepoint.executeWithoutResult(tx -> jdbc.sql("""
                            INSERT INTO generic_record (record_type, record_key, data, version, created_at, updated_at)
                            VALUES (?, ?, ?, 1, ?, ?)""").params(type, key, text, now, now).update());
                    return find(type, key).orElseThrow();
                } catch (DuplicateKeyException raceLost) {
                    continue; // created concurrently (rolled back to the savepoint): decide again against that row
                }
            }
            StoredRecord stored = current.get();
            if (expectedVersion != null && expectedVersion != stored.version()) {
                throw new RecordConflictException(type + " " + key + " is at version " + stored.version()
                        + ", expected " + expectedVersion);
            }
            if (stored.data().equals(data)) {
                return stored; // a retry, or nothing new: no version bump
            }
            int updated = jdbc.sql("""
                    UPDATE generic_record SET data = ?, version = version + 1, updated_at = ?
                    WHERE record_type = ? AND record_key = ? AND version = ?""")
                    .params(text, now, type, key, stored.version()).update();
            if (updated == 1) {
                return find(type, key).orElseThrow();
            }
            if (expectedVersion != null) {
                throw new RecordConflictException(type + " " + key + " changed concurrently after version "
                        + stored.version());
            }
        }
        throw new RecordConflictException(type + " " + key + " kept changing concurrently; try again");
    }

    @Override
    public Optional<StoredRecord> find(String type, String key) {
        return jdbc.sql("""
                SELECT record_type, record_key, data, version, created_at, updated_at
                FROM generic_record WHERE record_type = ? AND record_key = ?""")
                .params(type, key).query(mapper).optional();
    }

    private static void check(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidRecordException("Record " + field + " '" + value + "' must match " + pattern.pattern());
        }
    }

    private String write(JsonNode data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("Record data is not writable as JSON: " + e.getOriginalMessage());
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored record data is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
