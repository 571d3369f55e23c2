package io.stratum.ingestion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable inbox: every raw input is stored here before it is parsed, validated or acted on, so nothing is lost,
 * not even rejected input. Each statement commits on its own (no surrounding transaction), on purpose.
 */
@Repository
class Inbox {

    static final String RECEIVED = "RECEIVED";
    static final String ACCEPTED = "ACCEPTED";
    static final String DUPLICATE = "DUPLICATE";
    static final String REJECTED = "REJECTED";
    static final String FAILED = "FAILED";
    /** A mail that delivered invoice documents and no text: not an inquiry (see MailDocuments). */
    static final String DOCUMENTS = "DOCUMENTS";
    static final java.util.List<String> STATUSES = java.util.List.of(RECEIVED, ACCEPTED, DUPLICATE, REJECTED, FAILED,
            DOCUMENTS);

    /** payload_charset of payloads stored as Base64 (they contain NUL bytes). */
    static final String BASE64 = "BASE64";
    private static final int MAX_REASON = 2000;

    record Entry(String id, String source, String externalId, String contentType, String payload, String charset,
                 long payloadBytes, String status, String reason, String inquiryId, Instant receivedAt) {

        /** The bytes as received (the payload column holds them losslessly, see {@link #store}). */
        byte[] bytes() {
            if (payload == null) {
                return new byte[0];
            }
            if (BASE64.equals(charset)) {
                return java.util.Base64.getDecoder().decode(payload);
            }
            return payload.getBytes(StandardCharsets.ISO_8859_1.name().equals(charset)
                    ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** Stores raw bytes as received; returns the inbox id. */
    String store(String source, String contentType, String externalId, byte[] raw) {
        String id = UUID.randomUUID().toString();
        String charset = StandardCharsets.UTF_8.name();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            // Not UTF-8: ISO-8859-1 maps every byte to one char, so the original bytes stay recoverable.
            charset = StandardCharsets.ISO_8859_1.name();
            text = new String(raw, StandardCharsets.ISO_8859_1);
        }
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL (binary bodies, UTF-16): keep such bytes as Base64 instead.
            charset = BASE64;
            text = java.util.Base64.getEncoder().encodeToString(raw);
        }
        jdbc.sql("""
                        INSERT INTO inbox (id, source, external_id, content_type, payload, payload_charset, payload_bytes,
                                           status, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, source, truncate(externalId, 500), truncate(contentType, 200), text, charset,
                        (long) raw.length, RECEIVED, now())
                .update();
        return id;
    }

    /** Records input that was too large to keep: the fact and size are stored, the bytes are not. */
    String storeOversized(String source, String contentType, long size, String reason) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO inbox (id, source, content_type, payload_bytes, status, reason, received_at,
                                           processed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, source, truncate(contentType, 200), size, REJECTED, truncate(reason, MAX_REASON), now(),
                        now())
                .update();
        return id;
    }

    /**
     * Records how an entry was judged. ACCEPTED is final: when an entry is judged twice at once (a slow request and
     * the recovery of another node), the one that started the workflow wins over the one that saw it started.
     */
    void mark(String id, String status, String reason, String inquiryId) {
        jdbc.sql("UPDATE inbox SET status = ?, reason = ?, inquiry_id = ?, processed_at = ? WHERE id = ?"
                        + (ACCEPTED.equals(status) ? "" : " AND status <> '" + ACCEPTED + "'"))
                .params(status, truncate(reason, MAX_REASON), inquiryId, now(), id)
                .update();
    }

    Optional<Entry> find(String id) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM inbox WHERE id = ?")
                .param(id)
                .query(Inbox::entry)
                .optional();
    }

    /**
     * Entries still RECEIVED {@code olderThan} after they arrived, oldest first: the node handling them died between
     * storing and judging them (a live node marks an entry within its request).
     */
    java.util.List<Entry> stranded(java.time.Duration olderThan, int max) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM inbox WHERE status = ? AND received_at < ?"
                        + " ORDER BY received_at LIMIT ?")
                .params(RECEIVED, Timestamp.from(clock.instant().minus(olderThan)), max)
                .query(Inbox::entry)
                .list();
    }

    /** An entry as listed: what arrived, when, and how it was judged; the payload only by id ({@link #find}). */
    record Listed(String id, String source, String externalId, String contentType, long payloadBytes, String status,
                  String reason, String inquiryId, Instant receivedAt, Instant processedAt) {
    }

    /** Entries in one of {@code statuses} received before {@code before} (null: any time), newest first. */
    java.util.List<Listed> list(java.util.Collection<String> statuses, Instant before, int max) {
        String in = String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"));
        java.util.List<Object> params = new java.util.ArrayList<>(statuses);
        params.add(Timestamp.from(before == null ? Instant.parse("9999-12-31T00:00:00Z") : before));
        params.add(max);
        return jdbc.sql("SELECT id, source, external_id, content_type, payload_bytes, status, reason, inquiry_id, "
                        + "received_at, processed_at FROM inbox WHERE status IN (" + in + ") AND received_at < ? "
                        + "ORDER BY received_at DESC, id LIMIT ?")
                .params(params)
                .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()))
                .list();
    }

    private static final String ENTRY_COLUMNS = """
            id, source, external_id, content_type, payload, payload_charset, payload_bytes, status, reason,
            inquiry_id, received_at""";

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getTimestamp(11).toInstant());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
