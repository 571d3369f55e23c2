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
     * Claims the right to start the workflow: exactly one caller wins for a new or failed inquiry, or for one whose
     * start has hung longer than {@code staleAfter} (the starting node died).
     */
    boolean claimStart(String id, Duration staleAfter) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE inquiry SET status = ?, failure_reason = NULL, updated_at = ?
                        WHERE id = ? AND process_instance_id IS NULL
                          AND (status IN (?, ?) OR (status = ? AND updated_at < ?))""")
                .params(STARTING, Timestamp.from(now), id, RECEIVED, FAILED, STARTING,
                        Timestamp.from(now.minus(staleAfter)))
                .update() == 1;
    }

    /** Claims the first start of an inquiry no one has tried to start; false when it is no longer RECEIVED. */
    boolean claimFirstStart(String id) {
        return jdbc.sql("UPDATE inquiry SET status = ?, updated_at = ? "
                        + "WHERE id = ? AND process_instance_id IS NULL AND status = ?")
                .params(STARTING, now(), id, RECEIVED)
                .update() == 1;
    }

    /** Keeps any status orchestration already reported while the start ran (a process may run ahead synchronously). */
    void started(String id, String processInstanceId) {
        jdbc.sql("""
                        UPDATE inquiry SET process_instance_id = ?,
                               status = CASE WHEN status = ? THEN ? ELSE status END, updated_at = ?
                        WHERE id = ?""")
                .params(processInstanceId, STARTING, STARTED, now(), id)
                .update();
    }

    /** Inquiries whose start failed and was not retried for {@code quietFor}, oldest first. */
    java.util.List<String> failedStarts(Duration quietFor, int max) {
        return jdbc.sql("""
                        SELECT id FROM inquiry WHERE status = ? AND process_instance_id IS NULL AND updated_at < ?
                        ORDER BY updated_at LIMIT ?""")
                .params(FAILED, Timestamp.from(clock.instant().minus(quietFor)), max)
                .query(String.class).list();
    }

    void startFailed(String id, String reason) {
        jdbc.sql("UPDATE inquiry SET status = ?, failure_reason = ?, updated_at = ? WHERE id = ? AND status = ?")
                .params(FAILED, Inbox.truncate(reason, 2000), now(), id, STARTING)
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
