package io.stratum.action;

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

/** Table {@code ticket}: the built-in ticket system. One ticket per inquiry, guaranteed by a unique constraint. */
@Service
class TicketStore implements Tickets {

    static final String OPEN = "OPEN";

    private static final String COLUMNS = """
            id, inquiry_id, subject, topic, urgency, priority, team, sla_due, reply, decided_by, status, created_at""";
    private static final RowMapper<Ticket> MAPPER = (rs, n) -> new Ticket(rs.getString("id"),
            rs.getString("inquiry_id"), rs.getString("subject"), rs.getString("topic"), rs.getString("urgency"),
            rs.getString("priority"), rs.getString("team"), rs.getString("sla_due"), rs.getString("reply"),
            rs.getString("decided_by"), rs.getString("status"), rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;
    /** The insert runs under a savepoint: on PostgreSQL a failed statement aborts the whole transaction otherwise. */
    private final TransactionTemplate savepoint;
    private final Clock clock = Clock.systemUTC();

    TicketStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public Ticket open(TicketRequest r) {
        Objects.requireNonNull(r.inquiryId(), "inquiryId");
        Optional<Ticket> existing = findByInquiry(r.inquiryId());
        if (existing.isPresent()) {
            return existing.get();
        }
        long number = jdbc.sql("SELECT nextval('ticket_number_seq')").query(Long.class).single();
        String id = String.format("T-%06d", number);
        Instant now = clock.instant();
        try {
            savepoint.executeWithoutResult(tx -> jdbc.sql(
                            "INSERT INTO ticket (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, r.inquiryId(), cut(r.subject(), 1000), cut(r.topic(), 100), cut(r.urgency(), 40),
                            cut(r.priority(), 40), cut(r.team(), 100), cut(r.slaDue(), 64), r.reply(),
                            cut(r.decidedBy(), 100), OPEN, Timestamp.from(now))
                    .update());
        } catch (DuplicateKeyException raceLost) {
            // A concurrent retry opened it first: that one is the ticket (our number stays unused). Rolled back to the
            // savepoint, so the surrounding transaction (the engine's) can still read it and commit.
            return findByInquiry(r.inquiryId()).orElseThrow(() -> raceLost);
        }
        // Read back: the database's timestamp precision is what later reads will see.
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Ticket> find(String ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = ?").param(ticketId).query(MAPPER).optional();
    }

    Optional<Ticket> findByInquiry(String inquiryId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE inquiry_id = ?").param(inquiryId).query(MAPPER)
                .optional();
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
