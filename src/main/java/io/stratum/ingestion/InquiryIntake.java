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
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Intake of inquiries from every channel: raw input into the inbox first, then validation and normalisation,
 * de-duplication per (channel, externalId), then the start of the triage workflow, exactly once.
 * Deliberately not one transaction: each step commits, so a failure leaves a visible, retryable state behind; only
 * the workflow start and recording its id share one (see {@link #start}).
 */
@Service
class InquiryIntake {

    private static final Logger log = LoggerFactory.getLogger(InquiryIntake.class);

    /** @param created true when this call started the workflow (202), false for a duplicate (200) */
    record Outcome(String inquiryId, String processInstanceId, boolean created) {
    }

    private final Inbox inbox;
    private final InquiryRecords inquiries;
    private final InquiryValidator validator;
    private final InquiryWorkflow workflow;
    private final MailDocuments mailDocuments;
    private final ObjectReader strictJson;
    private final IngestionSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    InquiryIntake(Inbox inbox, InquiryRecords inquiries, InquiryValidator validator, InquiryWorkflow workflow,
                  MailDocuments mailDocuments, ObjectMapper json, IngestionSettings settings, TransactionTemplate tx) {
        this.inbox = inbox;
        this.inquiries = inquiries;
        this.validator = validator;
        this.workflow = workflow;
        this.mailDocuments = mailDocuments;
        // Two documents in one body, or a key given twice, is ambiguous: refuse rather than silently pick one.
        this.strictJson = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.settings = settings;
        this.tx = tx;
    }

    /** A JSON inquiry from the REST API. */
    Outcome submitJson(byte[] raw, String contentType) {
        return judgeJson(inbox.store("http", contentType, null, raw), raw);
    }

    private Outcome judgeJson(String inboxId, byte[] raw) {
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
                // A concurrent request with the same externalId, or another node recovering this same inbox entry,
                // inserted first: continue with the winner's row.
                stored = (candidate.externalId() == null ? Optional.<InquiryRecords.Stored>empty()
                        : inquiries.findByExternalId(candidate.channel(), candidate.externalId()))
                        .or(() -> inquiries.findByInboxId(inboxId)).orElseThrow(() -> raceLost);
            }
        }
        Inquiry inquiry = stored.inquiry();
        if (stored.processInstanceId() != null) {
            inbox.mark(inboxId, Inbox.DUPLICATE, null, inquiry.id());
            return new Outcome(inquiry.id(), stored.processInstanceId(), false);
        }
        Outcome outcome = start(inquiry.id(), inboxId);
        if (!outcome.created()) {
            inbox.mark(inboxId, Inbox.DUPLICATE, null, inquiry.id());
        }
        return outcome;
    }

    /**
     * Starts the workflow of a stored inquiry, exactly once across requests, retries and nodes: under the inquiry's
     * row lock, in one transaction with recording the process instance id and marking the inbox entry ACCEPTED. If
     * the node dies mid-start, the database rolls the transaction back and the inquiry is simply not started yet (a
     * retry or {@link #restartFailed} starts it); there is no "starting" state that could outlive its node.
     *
     * @throws WorkflowStartException when the start failed (inquiry and inbox entry FAILED) or another request holds
     *                                the start longer than the database's lock timeout (nothing marked)
     */
    private Outcome start(String inquiryId, String inboxId) {
        try {
            return tx.execute(status -> {
                InquiryRecords.Stored locked = inquiries.lockForStart(inquiryId).orElseThrow();
                if (locked.processInstanceId() != null) {
                    return new Outcome(inquiryId, locked.processInstanceId(), false);
                }
                // A start never tried needs no look-up for an earlier instance (in the triage-throughput profile the
                // engine's two business-key queries cost three times the start itself); a retry after a failure does.
                String processInstanceId = InquiryRecords.RECEIVED.equals(locked.status())
                        ? workflow.startFirst(locked.inquiry()) : workflow.start(locked.inquiry());
                inquiries.started(inquiryId, processInstanceId);
                // The entry the start came from is the accepted one; in the same commit (one fewer per request).
                inbox.mark(inboxId, Inbox.ACCEPTED, null, inquiryId);
                return new Outcome(inquiryId, processInstanceId, true);
            });
        } catch (PessimisticLockingFailureException busy) {
            throw new WorkflowStartException(inquiryId, "its start is still running in another request", busy);
        } catch (RuntimeException e) {
            String reason = "workflow start failed: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
            log.warn("Inquiry {} stored but not started: {}", inquiryId, reason, e);
            inquiries.startFailed(inquiryId, reason);
            inbox.mark(inboxId, Inbox.FAILED, reason, inquiryId);
            throw new WorkflowStartException(inquiryId, reason, e);
        }
    }

    /**
     * Starts inquiries without a workflow: failed starts quiet for {@code retry.interval}, and inquiries stored but
     * not started for {@code startTimeout} (their node died). Needed for those without an externalId, which no client
     * can retry. Safe next to client retries and other nodes doing the same: see {@link #start}.
     *
     * @return how many were started
     */
    int restartFailed() {
        IngestionSettings.Retry retry = settings.retry();
        int started = 0;
        for (InquiryRecords.Unstarted u : inquiries.unstarted(retry.interval(), settings.startTimeout(),
                retry.batchSize())) {
            try {
                // The restart completes what the original request began: start marks its inbox entry accepted.
                if (start(u.id(), u.inboxId()).created()) {
                    started++;
                }
            } catch (WorkflowStartException e) {
                log.warn("Restart of inquiry {} failed again: {}", u.id(), e.getMessage());
            }
        }
        return started;
    }

    /**
     * Judges inbox entries still RECEIVED {@code startTimeout} after arrival: the node that stored them died before
     * it answered (kill, crash, power). They go the normal way (validation, de-duplication, start), so an entry whose
     * client retried elsewhere becomes a DUPLICATE, and nothing stored is left unprocessed.
     *
     * @return how many entries were judged
     */
    int recoverInbox() {
        int judged = 0;
        for (Inbox.Entry entry : inbox.stranded(settings.startTimeout(), settings.retry().batchSize())) {
            try {
                Optional<InquiryRecords.Stored> own = inquiries.findByInboxId(entry.id());
                if (own.isPresent()) {
                    Outcome outcome = own.get().processInstanceId() != null
                            ? new Outcome(own.get().inquiry().id(), own.get().processInstanceId(), false)
                            : start(own.get().inquiry().id(), entry.id());
                    // The inquiry was made from this very entry, so whoever started it, this entry is the accepted one
                    // (a start made here has marked it already).
                    if (!outcome.created()) {
                        inbox.mark(entry.id(), Inbox.ACCEPTED, null, outcome.inquiryId());
                    }
                } else if ("http".equals(entry.source())) {
                    judgeJson(entry.id(), entry.bytes());
                } else if ("imap".equals(entry.source())) {
                    recoverMail(entry);
                } else {
                    inbox.mark(entry.id(), Inbox.REJECTED, "unknown source " + entry.source(), null);
                }
                judged++;
            } catch (InvalidInquiryException | WorkflowStartException e) {
                judged++; // recorded on the entry (REJECTED / FAILED), like in the original request
            } catch (RuntimeException | jakarta.mail.MessagingException | java.io.IOException e) {
                log.warn("Inbox entry {} could not be recovered: {}", entry.id(), e.toString());
                inbox.mark(entry.id(), Inbox.REJECTED, "unreadable on recovery: " + firstLine(e.getMessage()), null);
            }
        }
        return judged;
    }

    /** A stranded mail goes the poller's way: its invoice documents first, then the inquiry unless it has no text. */
    private void recoverMail(Inbox.Entry entry) throws jakarta.mail.MessagingException, java.io.IOException {
        jakarta.mail.internet.MimeMessage parsed = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(entry.bytes()));
        int invoices = mailDocuments.receive(parsed);
        if (MailDocuments.documentsOnly(parsed, invoices)) {
            inbox.mark(entry.id(), Inbox.DOCUMENTS, invoices + " invoice document(s) and no text: not an inquiry",
                    null);
            return;
        }
        accept(entry.id(), MailMessages.toDraft(entry.bytes(), entry.externalId()));
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
