package io.stratum.ingestion;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Table {@code inquiry}: canonical inquiries plus what orchestration reported about them. */
@Repository
class InquiryRecords {

    static final String RECEIVED = "RECEIVED";
    static final String STARTING = "STARTING";
    static final String STARTED = "STARTED";
    static final String FAILED = "FAILED";

    /** An inquiry with its progress. */
    record Stored(Inquiry inquiry, String status, String failureReason, String processInstanceId, String triage,
                  String ticketId, Instant updatedAt) {
    }

    private static final String COLUMNS = """
            id, channel, sender, subject, body, customer_id, external_id, received_at, status, failure_reason,
            process_instance_id, triage, ticket_id, updated_at""";

    private static final RowMapper<Stored> MAPPER = (rs, n) -> new Stored(
            new Inquiry(rs.getString("id"), rs.getString("channel"), rs.getString("sender"), rs.getString("subject"),
                    rs.getString("body"), rs.getString("customer_id"), rs.getString("external_id"),
                    rs.getTimestamp("received_at").toInstant()),
            rs.getString("status"), rs.getString("failure_reason"), rs.getString("process_instance_id"),
            rs.getString("triage"), rs.getString("ticket_id"), rs.getTimestamp("updated_at").toInstant());

    private final JdbcClient jdbc;
    private final Clock clock;

    InquiryRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when (channel, externalId) already exists */
    void insert(Inquiry inquiry, String inboxId) {
        jdbc.sql("""
                        INSERT INTO inquiry (id, channel, sender, subject, body, customer_id, external_id, inbox_id,
                                             received_at, status, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(inquiry.id(), inquiry.channel(), inquiry.from(), inquiry.subject(), inquiry.body(),
                        inquiry.customerId(), inquiry.externalId(), inboxId, Timestamp.from(inquiry.receivedAt()),
                        RECEIVED, now())
                .update();
    }

    Optional<Stored> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inquiry WHERE id = ?").param(id).query(MAPPER).optional();
    }

    Optional<Stored> findByExternalId(String channel, String externalId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inquiry WHERE channel = ? AND external_id = ?")
                .params(channel, externalId).query(MAPPER).optional();
    }

    /**
     * Locks an inquiry's row until the caller's transaction ends. Starting the workflow happens under this lock, in the
     * same transaction that records the process instance: either both commit or neither does (a node that dies
     * mid-start leaves the inquiry unstarted, never half-started), and a concurrent start waits, then sees the id.
     */
    Optional<Stored> lockForStart(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inquiry WHERE id = ? FOR UPDATE").param(id).query(MAPPER)
                .optional();
    }

    /** The inquiry made from one inbox entry (at most one: unique inbox_id). */
    Optional<Stored> findByInboxId(String inboxId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM inquiry WHERE inbox_id = ?").param(inboxId).query(MAPPER)
                .optional();
    }

    /** Keeps any status orchestration already reported (none can have, before the start commits; kept as a guard). */
    void started(String id, String processInstanceId) {
        jdbc.sql("""
                        UPDATE inquiry SET process_instance_id = ?,
                               status = CASE WHEN status IN (?, ?, ?) THEN ? ELSE status END, updated_at = ?
                        WHERE id = ?""")
                .params(processInstanceId, RECEIVED, STARTING, FAILED, STARTED, now(), id)
                .update();
    }

    /** An inquiry without a workflow, and the inbox entry it came from. */
    record Unstarted(String id, String inboxId) {
    }

    /**
     * Inquiries without a workflow, oldest first: failed starts quiet for {@code failedQuietFor}, and ones stored but
     * never started for {@code strandedAfter} (the node that stored them died; STARTING only exists in rows written
     * by versions before the start became transactional).
     */
    java.util.List<Unstarted> unstarted(Duration failedQuietFor, Duration strandedAfter, int max) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        SELECT id, inbox_id FROM inquiry WHERE process_instance_id IS NULL
                          AND ((status = ? AND updated_at < ?) OR (status IN (?, ?) AND updated_at < ?))
                        ORDER BY updated_at LIMIT ?""")
                .params(FAILED, Timestamp.from(now.minus(failedQuietFor)), RECEIVED, STARTING,
                        Timestamp.from(now.minus(strandedAfter)), max)
                .query((rs, n) -> new Unstarted(rs.getString(1), rs.getString(2))).list();
    }

    void startFailed(String id, String reason) {
        jdbc.sql("UPDATE inquiry SET status = ?, failure_reason = ?, updated_at = ? WHERE id = ?"
                        + " AND process_instance_id IS NULL")
                .params(FAILED, Inbox.truncate(reason, 2000), now(), id)
                .update();
    }

    int progress(String id, String status, String triageJson, String ticketId) {
        return jdbc.sql("""
                        UPDATE inquiry SET status = COALESCE(?, status), triage = COALESCE(?, triage),
                               ticket_id = COALESCE(?, ticket_id), updated_at = ?
                        WHERE id = ?""")
                .params(status, triageJson, ticketId, now(), id)
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
