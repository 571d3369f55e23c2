package io.stratum.ingestion.telemetry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The telemetry tables: raw messages, the reading time series (with scores) and dead letters. */
@Repository
public class TelemetryStore {

    private static final int MAX_REASON = 2000;
    private static final RowMapper<StoredReading> READING = (rs, n) -> new StoredReading(rs.getLong("id"),
            new Reading(rs.getString("asset_id"), rs.getTimestamp("measured_at").toInstant(),
                    rs.getDouble("air_temperature"), rs.getDouble("process_temperature"),
                    rs.getDouble("rotational_speed"), rs.getDouble("torque"), rs.getDouble("tool_wear"),
                    parseSensors(rs.getString("sensors"))),
            (Double) rs.getObject("failure_probability"), rs.getString("failure_mode"),
            (Double) rs.getObject("anomaly_score"));

    /** A reading as stored, with its scores (null when it was stored unscored). */
    public record StoredReading(long id, Reading reading, Double failureProbability, String failureMode,
                                Double anomalyScore) {
    }

    /** A reading that was not accepted. */
    public record DeadLetter(String id, String rawId, int index, String assetId, String reading, String reason,
                             Instant receivedAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    private final TransactionTemplate tx;

    TelemetryStore(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = new TransactionTemplate(transactions);
    }

    String storeRaw(String source, String topic, byte[] raw) {
        String id = UUID.randomUUID().toString();
        String payload = new String(raw, StandardCharsets.UTF_8);
        String encoding = null;
        if (payload.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL: such a message is kept as Base64 (payload_encoding), not lost.
            payload = Base64.getEncoder().encodeToString(raw);
            encoding = "BASE64";
        }
        jdbc.sql("INSERT INTO telemetry_raw (id, source, topic, payload, payload_encoding, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, source, storable(topic), payload, encoding, Timestamp.from(Instant.now()))
                .update();
        return id;
    }

    /** Text PostgreSQL can store: a NUL (U+0000, which its text types refuse) becomes U+FFFD. */
    private static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    /** A rejected reading of a message, for {@link #store}. */
    record Rejected(int index, String assetId, String reading, String reason) {
    }

    void deadLetter(String rawId, int index, String assetId, String reading, String reason) {
        store(rawId, List.of(), List.of(), List.of(new Rejected(index, assetId, reading, reason)));
    }

    /**
     * Stores a message's accepted readings (with their scores) and its rejected ones in one transaction, each kind
     * as one JDBC batch; returns the readings' generated ids in order.
     */
    List<Long> store(String rawId, List<Reading> readings, List<ReadingScores> scores, List<Rejected> rejected) {
        return tx.execute(status -> {
            if (!rejected.isEmpty()) {
                Timestamp now = Timestamp.from(Instant.now());
                template.batchUpdate("""
                        INSERT INTO telemetry_dead_letter (id, raw_id, item_index, asset_id, reading, reason, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""", rejected, rejected.size(), (ps, d) -> {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, rawId);
                    ps.setInt(3, d.index());
                    ps.setString(4, d.assetId() == null || d.assetId().length() > 64 ? null : storable(d.assetId()));
                    ps.setString(5, storable(d.reading()));
                    String reason = storable(d.reason());
                    ps.setString(6, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
                    ps.setTimestamp(7, now);
                });
            }
            return readings.isEmpty() ? List.<Long>of() : insert(readings, scores, rawId);
        });
    }

    /**
     * Rows per multi-row INSERT, largest first: a message is cut into these, so there are only four statement texts
     * (H2 keeps recently parsed statements per connection) and a 100-reading message takes four statements.
     */
    private static final int[] CHUNKS = {64, 16, 4, 1};
    private static final int COLUMNS = 12;
    private static final String[] INSERTS = new String[CHUNKS[0] + 1];

    static {
        for (int rows : CHUNKS) {
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO telemetry_reading (asset_id, measured_at, air_temperature, process_temperature,
                        rotational_speed, torque, tool_wear, failure_probability, failure_mode, anomaly_score, raw_id,
                        sensors) VALUES """);
            for (int r = 0; r < rows; r++) {
                sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            INSERTS[rows] = sql.toString();
        }
    }

    /**
     * One multi-row INSERT per chunk rather than a JDBC batch of one-row statements: H2 runs a batch statement by
     * statement (each with its own execution and generated-key bookkeeping), which cost more than the rows' own
     * index updates. The generated ids come back in the order of the VALUES rows.
     */
    private List<Long> insert(List<Reading> readings, List<ReadingScores> scores, String rawId) {
        List<Long> ids = new ArrayList<>(readings.size());
        int from = 0;
        while (from < readings.size()) {
            int left = readings.size() - from;
            int rows = CHUNKS[CHUNKS.length - 1];
            for (int c : CHUNKS) {
                if (c <= left) {
                    rows = c;
                    break;
                }
            }
            int first = from;
            int count = rows;
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            template.update(con -> {
                PreparedStatement ps = con.prepareStatement(INSERTS[count], new String[] {"id"});
                for (int r = 0; r < count; r++) {
                    bind(ps, r * COLUMNS, readings.get(first + r), scores.get(first + r), rawId);
                }
                return ps;
            }, keys);
            for (Map<String, Object> key : keys.getKeyList()) {
                ids.add(((Number) key.values().iterator().next()).longValue());
            }
            from += rows;
        }
        if (ids.size() != readings.size()) {
            throw new IllegalStateException("the database returned " + ids.size() + " ids for " + readings.size()
                    + " readings");
        }
        return ids;
    }

    private static void bind(PreparedStatement ps, int offset, Reading r, ReadingScores s, String rawId)
            throws SQLException {
        ps.setString(offset + 1, r.assetId());
        ps.setTimestamp(offset + 2, Timestamp.from(r.measuredAt()));
        ps.setDouble(offset + 3, r.airTemperature());
        ps.setDouble(offset + 4, r.processTemperature());
        ps.setDouble(offset + 5, r.rotationalSpeed());
        ps.setDouble(offset + 6, r.torque());
        ps.setDouble(offset + 7, r.toolWear());
        ps.setDouble(offset + 8, s.failureProbability());
        ps.setString(offset + 9, s.failureMode());
        ps.setDouble(offset + 10, s.anomalyScore());
        ps.setString(offset + 11, rawId);
        ps.setString(offset + 12, formatSensors(r.sensors()));
    }

    /** A reading's cycle sensors, when it had them: oldest first, for the remaining-life forecast. */
    public record SensorCycle(Instant measuredAt, double[] sensors) {
    }

    /** The asset's newest {@code limit} readings that carry cycle sensors, oldest first. */
    public List<SensorCycle> sensorHistory(String assetId, int limit) {
        List<SensorCycle> newestFirst = jdbc.sql("""
                        SELECT measured_at, sensors FROM telemetry_reading
                        WHERE asset_id = ? AND sensors IS NOT NULL ORDER BY measured_at DESC, id DESC
                        FETCH FIRST ? ROWS ONLY""")
                .params(assetId, limit)
                .query((rs, n) -> new SensorCycle(rs.getTimestamp(1).toInstant(), parseSensors(rs.getString(2))))
                .list();
        List<SensorCycle> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Comma-separated shortest exact decimals (portable, lossless), or null. */
    static String formatSensors(double[] sensors) {
        if (sensors == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(sensors.length * 9);
        for (double v : sensors) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    static double[] parseSensors(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    /** The newest readings of an asset, newest first. */
    public List<StoredReading> recent(String assetId, int limit) {
        return jdbc.sql("SELECT * FROM telemetry_reading WHERE asset_id = ? ORDER BY measured_at DESC, id DESC")
                .param(assetId).query(READING).stream().limit(limit).toList();
    }

    public List<DeadLetter> deadLetters(int limit) {
        return jdbc.sql("SELECT * FROM telemetry_dead_letter ORDER BY received_at DESC, id")
                .query((rs, n) -> new DeadLetter(rs.getString("id"), rs.getString("raw_id"), rs.getInt("item_index"),
                        rs.getString("asset_id"), rs.getString("reading"), rs.getString("reason"),
                        rs.getTimestamp("received_at").toInstant()))
                .stream().limit(limit).toList();
    }

    long countReadings(String assetId) {
        return jdbc.sql("SELECT COUNT(*) FROM telemetry_reading WHERE asset_id = ?").param(assetId)
                .query(Long.class).single();
    }

    /**
     * Deletes everything older than {@code before}; returns the number of rows deleted. Readings go asset by asset
     * along the (asset, time) index: readings have no time index of their own, which keeps every insert cheaper
     * (readings are only ever accepted for a registered asset, and assets are never deleted).
     */
    int purge(Instant before) {
        Timestamp t = Timestamp.from(before);
        int readings = 0;
        for (String assetId : jdbc.sql("SELECT id FROM asset").query(String.class).list()) {
            readings += jdbc.sql("DELETE FROM telemetry_reading WHERE asset_id = ? AND measured_at < ?")
                    .params(assetId, t).update();
        }
        return readings
                + jdbc.sql("DELETE FROM telemetry_dead_letter WHERE received_at < ?").param(t).update()
                + jdbc.sql("DELETE FROM telemetry_raw WHERE received_at < ?").param(t).update();
    }

}
