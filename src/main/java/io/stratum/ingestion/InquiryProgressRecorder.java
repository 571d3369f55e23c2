package io.stratum.ingestion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records what orchestration reports, for {@code GET /api/inquiries/{id}}. Unknown inquiries are logged, not fatal.
 * <p>
 * Reports made inside a transaction are merged per inquiry and written in one UPDATE just before it commits: a
 * straight-through triage reports CLASSIFIED, then TICKETED with the ticket, then DONE in one engine transaction, and
 * nobody outside it can see the intermediate states anyway (three row rewrites become one). The last status wins;
 * triage and ticket keep the last value reported.
 */
@Component
class InquiryProgressRecorder implements InquiryProgress {

    private static final Logger log = LoggerFactory.getLogger(InquiryProgressRecorder.class);

    private final InquiryRecords inquiries;
    /** Key of this recorder's pending reports in the current transaction's resources. */
    private final Object pendingKey = new Object();

    InquiryProgressRecorder(InquiryRecords inquiries) {
        this.inquiries = inquiries;
    }

    @Override
    public void triaged(String inquiryId, String status, String triageJson) {
        report(new Report(inquiryId, status, triageJson, null));
    }

    @Override
    public void ticketed(String inquiryId, String ticketId, String status) {
        report(new Report(inquiryId, status, null, ticketId));
    }

    @Override
    public void status(String inquiryId, String status) {
        report(new Report(inquiryId, status, null, null));
    }

    private record Report(String inquiryId, String status, String triageJson, String ticketId) {

        /** This report followed by a later one: the later one's non-null values win, as the UPDATE's COALESCE does. */
        Report then(Report later) {
            return new Report(inquiryId, later.status != null ? later.status : status,
                    later.triageJson != null ? later.triageJson : triageJson,
                    later.ticketId != null ? later.ticketId : ticketId);
        }
    }

    @SuppressWarnings("unchecked")
    private void report(Report report) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(report);
            return;
        }
        Map<String, Report> pending = (Map<String, Report>) TransactionSynchronizationManager.getResource(pendingKey);
        if (pending == null) {
            Map<String, Report> batch = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(pendingKey, batch);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    batch.values().forEach(InquiryProgressRecorder.this::write);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
                }
            });
            pending = batch;
        }
        pending.merge(report.inquiryId(), report, Report::then);
    }

    private void write(Report r) {
        if (inquiries.progress(r.inquiryId(), Inbox.truncate(r.status(), 40), r.triageJson(),
                Inbox.truncate(r.ticketId(), 64)) == 0) {
            log.warn("Progress reported for unknown inquiry {}", r.inquiryId());
        }
    }
}
