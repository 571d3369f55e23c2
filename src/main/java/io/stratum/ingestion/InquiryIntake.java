package io.stratum.ingestion;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Intake of inquiries from every channel: raw input into the inbox first, then validation and normalisation,
 * de-duplication per (channel, externalId), then the start of the triage workflow, exactly once.
 * Deliberately not transactional: each step commits, so a failure leaves a visible, retryable state behind.
 */
@Service
class InquiryIntake {

    private static final Logger log = LoggerFactory.getLogger(InquiryIntake.class);
    private static final long WAIT_STEP_MILLIS = 50;

    /** @param created true when this call started the workflow (202), false for a duplicate (200) */
    record Outcome(String inquiryId, String processInstanceId, boolean created) {
    }

    private final Inbox inbox;
    private final InquiryRecords inquiries;
    private final InquiryValidator validator;
    private final InquiryWorkflow workflow;
    private final ObjectReader strictJson;
    private final IngestionSettings settings;
    private final Clock clock = Clock.systemUTC();

    InquiryIntake(Inbox inbox, InquiryRecords inquiries, InquiryValidator validator, InquiryWorkflow workflow,
                  ObjectMapper json, IngestionSettings settings) {
        this.inbox = inbox;
        this.inquiries = inquiries;
        this.validator = validator;
        this.workflow = workflow;
        // Two documents in one body, or a key given twice, is ambiguous: refuse rather than silently pick one.
        this.strictJson = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.settings = settings;
    }

    /** A JSON inquiry from the REST API. */
    Outcome submitJson(byte[] raw, String contentType) {
        String inboxId = inbox.store("http", contentType, null, raw);
        List<FieldProblem> problems = new ArrayList<>();
        InquiryDraft draft;
        try {
            JsonNode root = strictJson.readTree(raw);
            draft = validator.fromJson(root, problems);
        } catch (JacksonException | IllegalArgumentException e) {
            problems.add(new FieldProblem("$", "malformed JSON: " + firstLine(e.getMessage())));
            draft = null;
        } catch (java.io.IOException e) {
            problems.add(new FieldProblem("$", "unreadable body: " + firstLine(e.getMessage())));
            draft = null;
        }
        if (draft == null) {
            reject(inboxId, problems);
        }
        return accept(inboxId, draft, problems);
    }

    /**
     * Validates a draft whose raw form is already in the inbox under {@code inboxId}, then stores and starts it.
     *
     * @throws InvalidInquiryException when invalid (inbox entry REJECTED)
     * @throws WorkflowStartException  when the workflow could not be started (inbox entry and inquiry FAILED)
     */
    Outcome accept(String inboxId, InquiryDraft draft) {
        return accept(inboxId, draft, new ArrayList<>());
    }

    private Outcome accept(String inboxId, InquiryDraft draft, List<FieldProblem> problems) {
        // Microseconds: what H2 and PostgreSQL store, so the inquiry handed on equals the one read back.
        Inquiry candidate = validator.validate(draft, clock.instant().truncatedTo(ChronoUnit.MICROS), problems);
        if (candidate == null) {
            reject(inboxId, problems);
        }

        InquiryRecords.Stored stored = null;
        if (candidate.externalId() != null) {
            stored = inquiries.findByExternalId(candidate.channel(), candidate.externalId()).orElse(null);
        }
        if (stored == null) {
            try {
                inquiries.insert(candidate, inboxId);
                stored = new InquiryRecords.Stored(candidate, InquiryRecords.RECEIVED, null, null, null, null,
                        candidate.receivedAt());
            } catch (DuplicateKeyException raceLost) {
                // A concurrent request with the same externalId inserted first: continue with the winner's row.
                stored = inquiries.findByExternalId(candidate.channel(), candidate.externalId()).orElseThrow();
            }
        }
        Inquiry inquiry = stored.inquiry();
        if (stored.processInstanceId() != null) {
            inbox.mark(inboxId, Inbox.DUPLICATE, null, inquiry.id());
            return new Outcome(inquiry.id(), stored.processInstanceId(), false);
        }
        // A first start needs no look-up for an earlier instance (in the triage-throughput profile the engine's two
        // business-key queries cost three times the start itself); a restart after a failed or hung start does.
        boolean first = inquiries.claimFirstStart(inquiry.id());
        if (!first && !inquiries.claimStart(inquiry.id(), settings.startTimeout())) {
            inbox.mark(inboxId, Inbox.DUPLICATE, null, inquiry.id());
            return awaitConcurrentStart(inquiry.id());
        }
        String processInstanceId;
        try {
            processInstanceId = first ? workflow.startFirst(inquiry) : workflow.start(inquiry);
        } catch (RuntimeException e) {
            String reason = "workflow start failed: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
            log.warn("Inquiry {} stored but not started: {}", inquiry.id(), reason, e);
            inquiries.startFailed(inquiry.id(), reason);
            inbox.mark(inboxId, Inbox.FAILED, reason, inquiry.id());
            throw new WorkflowStartException(inquiry.id(), reason, e);
        }
        inquiries.started(inquiry.id(), processInstanceId);
        inbox.mark(inboxId, Inbox.ACCEPTED, null, inquiry.id());
        return new Outcome(inquiry.id(), processInstanceId, true);
    }

    /**
     * Starts inquiries whose workflow start failed at least {@code retry.interval} ago. Needed for those without an
     * externalId, which no client can retry. The start claim keeps this safe next to client retries and other nodes.
     *
     * @return how many were started
     */
    int restartFailed() {
        IngestionSettings.Retry retry = settings.retry();
        int started = 0;
        for (String id : inquiries.failedStarts(retry.interval(), retry.batchSize())) {
            Inquiry inquiry = inquiries.find(id).map(InquiryRecords.Stored::inquiry).orElse(null);
            if (inquiry == null || !inquiries.claimStart(id, settings.startTimeout())) {
                continue;
            }
            try {
                inquiries.started(id, workflow.start(inquiry));
                started++;
            } catch (RuntimeException e) {
                String reason = "workflow start failed: " + e.getClass().getSimpleName() + ": "
                        + firstLine(e.getMessage());
                log.warn("Restart of inquiry {} failed again: {}", id, reason);
                inquiries.startFailed(id, reason);
            }
        }
        return started;
    }

    /** Another request is starting the same inquiry: wait (bounded) for its result and report that. */
    private Outcome awaitConcurrentStart(String inquiryId) {
        Instant deadline = clock.instant().plus(settings.startTimeout());
        InquiryRecords.Stored current = inquiries.find(inquiryId).orElseThrow();
        while (current.processInstanceId() == null && InquiryRecords.STARTING.equals(current.status())
                && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = inquiries.find(inquiryId).orElseThrow();
        }
        if (current.processInstanceId() == null && InquiryRecords.FAILED.equals(current.status())) {
            throw new WorkflowStartException(inquiryId, current.failureReason(), null);
        }
        return new Outcome(inquiryId, current.processInstanceId(), false);
    }

    Optional<InquiryRecords.Stored> find(String inquiryId) {
        return inquiries.find(inquiryId);
    }

    private void reject(String inboxId, List<FieldProblem> problems) {
        InvalidInquiryException e = new InvalidInquiryException(inboxId, problems);
        inbox.mark(inboxId, Inbox.REJECTED, e.getMessage(), null);
        throw e;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
