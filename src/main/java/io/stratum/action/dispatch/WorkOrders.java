package io.stratum.action.dispatch;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Work orders, one per case: opening again (a retried job) returns the first one. */
@Repository
public class WorkOrders {

    static final String SCHEDULED = "SCHEDULED";
    static final String DONE = "DONE";
    private static final RowMapper<WorkOrder> MAPPER = (rs, n) -> new WorkOrder(rs.getString("id"),
            rs.getString("case_id"), rs.getString("asset_id"), rs.getString("technician_id"),
            rs.getTimestamp("visit_start").toInstant(), rs.getTimestamp("visit_end").toInstant(),
            rs.getString("failure_mode"), rs.getString("status"), rs.getString("outcome"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;
    /** The insert runs under a savepoint: on PostgreSQL a lost race would otherwise abort the job's transaction. */
    private final TransactionTemplate savepoint;

    WorkOrders(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.jdbc = jdbc;
    }

    public WorkOrder open(String caseId, String assetId, String technicianId, Instant start, Instant end,
                          String failureMode) {
        Optional<WorkOrder> existing = byCase(caseId);
        if (existing.isPresent()) {
            return existing.get();
        }
        long number = jdbc.sql("SELECT nextval('work_order_number_seq')").query(Long.class).single();
        try {
            savepoint.executeWithoutResult(tx -> jdbc.sql("""
                            INSERT INTO work_order (id, case_id, asset_id, technician_id, visit_start, visit_end,
                                                    failure_mode, status, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(String.format("WO-%06d", number), caseId, assetId, technicianId, Timestamp.from(start),
                            Timestamp.from(end), failureMode, SCHEDULED, Timestamp.from(Instant.now()))
                    .update());
        } catch (DuplicateKeyException raceLost) {
            // a concurrent retry of the same case inserted first
        }
        return byCase(caseId).orElseThrow();
    }

    public Optional<WorkOrder> byCase(String caseId) {
        return jdbc.sql("SELECT * FROM work_order WHERE case_id = ?").param(caseId).query(MAPPER).optional();
    }

    public Optional<WorkOrder> find(String id) {
        return jdbc.sql("SELECT * FROM work_order WHERE id = ?").param(id).query(MAPPER).optional();
    }

    /** Scheduled visits ending after {@code from}: what a new plan must work around. */
    public List<WorkOrder> scheduledAfter(Instant from) {
        return jdbc.sql("SELECT * FROM work_order WHERE status = ? AND visit_end > ? ORDER BY visit_start")
                .params(SCHEDULED, Timestamp.from(from)).query(MAPPER).list();
    }

    public List<WorkOrder> recent(int limit) {
        return jdbc.sql("SELECT * FROM work_order ORDER BY created_at DESC, id DESC").query(MAPPER).stream()
                .limit(limit).toList();
    }

    /** Records the technician's report; idempotent (the first report stays). */
    public void complete(String caseId, String outcome) {
        jdbc.sql("UPDATE work_order SET status = ?, outcome = ? WHERE case_id = ? AND status = ?")
                .params(DONE, outcome, caseId, SCHEDULED).update();
    }
}
