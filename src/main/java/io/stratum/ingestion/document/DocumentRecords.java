package io.stratum.ingestion.document;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The {@code document} table. Each statement commits on its own, on purpose (see {@link DocumentIntake}). */
@Repository
class DocumentRecords {

    static final String RECEIVED = "RECEIVED";
    static final String STARTED = "STARTED";
    static final String REJECTED = "REJECTED";
    static final String FAILED = "FAILED";
    private static final int MAX_REASON = 2000;

    /** A row: the public view plus what only intake needs. */
    record Row(StoredDocument document, DocumentInspection.Rejection rejection, Integer pages) {
    }

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    DocumentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when a document with this sha256 exists */
    Row insert(String id, String fileName, long size, String sha256, String channel, String sender) {
        Instant now = now();
        jdbc.sql("""
                        INSERT INTO document (id, file_name, size_bytes, sha256, channel, sender, status, received_at,
                                              updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, truncate(fileName, 500), size, sha256, channel, truncate(sender, 500), RECEIVED,
                        Timestamp.from(now), Timestamp.from(now))
                .update();
        return new Row(new StoredDocument(id, truncate(fileName, 500), null, size, sha256, channel,
                truncate(sender, 500), RECEIVED, null, null, now), null, null);
    }

    /** A file too large to keep: the fact, its name and size are recorded, its bytes are not. */
    Row insertOversized(String id, String fileName, long size, String channel, String sender, String reason) {
        Instant now = now();
        jdbc.sql("""
                        INSERT INTO document (id, file_name, size_bytes, channel, sender, status, rejection, reason,
                                              received_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, truncate(fileName, 500), size, channel, truncate(sender, 500), REJECTED,
                        DocumentInspection.Rejection.TOO_LARGE.name(), truncate(reason, MAX_REASON),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
        return find(id).orElseThrow();
    }

    void inspected(String id, String mediaType, Integer pages) {
        jdbc.sql("UPDATE document SET media_type = ?, pages = ?, updated_at = ? WHERE id = ?")
                .params(mediaType, pages, Timestamp.from(now()), id)
                .update();
    }

    /** Never overrides a start: a document with a process is not rejected afterwards. */
    void rejected(String id, String mediaType, Integer pages, DocumentInspection.Rejection rejection, String reason) {
        jdbc.sql("""
                        UPDATE document SET media_type = ?, pages = ?, status = ?, rejection = ?, reason = ?,
                                            updated_at = ?
                        WHERE id = ? AND process_instance_id IS NULL""")
                .params(mediaType, pages, REJECTED, rejection.name(), truncate(reason, MAX_REASON),
                        Timestamp.from(now()), id)
                .update();
    }

    void started(String id, String processInstanceId) {
        jdbc.sql("""
                        UPDATE document SET status = ?, reason = NULL, process_instance_id = ?, updated_at = ?
                        WHERE id = ?""")
                .params(STARTED, processInstanceId, Timestamp.from(now()), id)
                .update();
    }

    void startFailed(String id, String reason) {
        jdbc.sql("""
                        UPDATE document SET status = ?, reason = ?, updated_at = ?
                        WHERE id = ? AND process_instance_id IS NULL""")
                .params(FAILED, truncate(reason, MAX_REASON), Timestamp.from(now()), id)
                .update();
    }

    Optional<Row> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE id = ?").param(id).query(DocumentRecords::row)
                .optional();
    }

    Optional<Row> findBySha256(String sha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE sha256 = ?").param(sha256)
                .query(DocumentRecords::row).optional();
    }

    /** Locks the row until the surrounding transaction ends, so only one request or node starts its process. */
    Optional<Row> lockForStart(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE id = ? FOR UPDATE").param(id)
                .query(DocumentRecords::row).optional();
    }

    /**
     * Documents without a process: RECEIVED longer than {@code stranded} (their node stopped before it judged them)
     * and FAILED longer than {@code rest} (their start failed), oldest first.
     */
    List<Row> unstarted(Duration stranded, Duration rest, int max) {
        Instant now = now();
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM document
                        WHERE (status = ? AND updated_at < ?) OR (status = ? AND updated_at < ?)
                        ORDER BY updated_at LIMIT ?""")
                .params(RECEIVED, Timestamp.from(now.minus(stranded)), FAILED, Timestamp.from(now.minus(rest)), max)
                .query(DocumentRecords::row)
                .list();
    }

    private static final String COLUMNS = """
            id, file_name, media_type, size_bytes, sha256, channel, sender, status, reason, process_instance_id,
            received_at, rejection, pages""";

    private static Row row(ResultSet rs, int n) throws SQLException {
        StoredDocument doc = new StoredDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getTimestamp(11).toInstant());
        String rejection = rs.getString(12);
        int pages = rs.getInt(13);
        return new Row(doc, rejection == null ? null : DocumentInspection.Rejection.valueOf(rejection),
                rs.wasNull() ? null : pages);
    }

    /** Microseconds: what H2 and PostgreSQL store, so a document handed on equals the one read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
