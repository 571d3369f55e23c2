package io.stratum.ingestion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records what orchestration reports, for {@code GET /api/inquiries/{id}}. Unknown inquiries are logged, not fatal. */
@Component
class InquiryProgressRecorder implements InquiryProgress {

    private static final Logger log = LoggerFactory.getLogger(InquiryProgressRecorder.class);

    private final InquiryRecords inquiries;

    InquiryProgressRecorder(InquiryRecords inquiries) {
        this.inquiries = inquiries;
    }

    @Override
    public void triaged(String inquiryId, String status, String triageJson) {
        update(inquiryId, status, triageJson, null);
    }

    @Override
    public void ticketed(String inquiryId, String ticketId, String status) {
        update(inquiryId, status, null, ticketId);
    }

    @Override
    public void status(String inquiryId, String status) {
        update(inquiryId, status, null, null);
    }

    private void update(String inquiryId, String status, String triageJson, String ticketId) {
        if (inquiries.progress(inquiryId, Inbox.truncate(status, 40), triageJson, Inbox.truncate(ticketId, 64)) == 0) {
            log.warn("Progress reported for unknown inquiry {}", inquiryId);
        }
    }
}
