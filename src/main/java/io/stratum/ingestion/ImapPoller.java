package io.stratum.ingestion;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/**
 * The e-mail channel: polls an IMAP folder for unseen messages. Each raw message goes into the inbox first, then
 * becomes an inquiry (externalId = Message-ID, so a mail read twice never starts twice), then is marked seen.
 * A mail whose workflow could not start stays unseen and is retried by the next poll. Off unless a host is set.
 */
@Component
@ConditionalOnExpression("'${stratum.ingestion.mail.imap.host:}' != ''")
class ImapPoller {

    /**
     * @param accepted  mails that started an inquiry ({@code duplicates}: had started one before)
     * @param documents mails that delivered invoice documents and no text, so no inquiry
     * @param deferred  unseen mails left for a later poll because the engine is too far behind ({@link IntakeBacklog})
     */
    record PollResult(int accepted, int duplicates, int rejected, int failed, int documents, int deferred) {

        PollResult(int accepted, int duplicates, int rejected, int failed) {
            this(accepted, duplicates, rejected, failed, 0, 0);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

    private final InquiryIntake intake;
    private final Inbox inbox;
    private final MailDocuments documents;
    private final IngestionSettings.Imap imap;
    private final DurableAcknowledgements durable;
    private final IntakeBacklog backlog;

    ImapPoller(InquiryIntake intake, Inbox inbox, MailDocuments documents, IngestionSettings settings,
               DurableAcknowledgements durable, IntakeBacklog backlog) {
        this.intake = intake;
        this.backlog = backlog;
        this.durable = durable;
        this.inbox = inbox;
        this.documents = documents;
        this.imap = settings.mail().imap();
    }

    @Scheduled(initialDelayString = "${stratum.ingestion.mail.imap.initial-delay:PT10S}",
            fixedDelayString = "${stratum.ingestion.mail.imap.poll-interval:PT1M}")
    void scheduledPoll() {
        try {
            PollResult r = poll();
            if (r.accepted() + r.duplicates() + r.rejected() + r.failed() + r.documents() + r.deferred() > 0) {
                log.info("IMAP poll of {}@{}: {}", imap.folder(), imap.host(), r);
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn("IMAP poll of {}@{} failed: {}", imap.folder(), imap.host(), e.toString());
        }
    }

    synchronized PollResult poll() throws MessagingException {
        String protocol = imap.protocol();
        Properties props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.put("mail.store.protocol", protocol);
        props.put(prefix + "host", imap.host());
        props.put(prefix + "port", String.valueOf(imap.port()));
        props.put(prefix + "connectiontimeout", String.valueOf(imap.timeout().toMillis()));
        props.put(prefix + "timeout", String.valueOf(imap.timeout().toMillis()));
        props.put(prefix + "writetimeout", String.valueOf(imap.timeout().toMillis()));
        // Reading must not mark a mail seen: only a handled mail is marked, so failures are retried.
        props.put(prefix + "peek", "true");
        Session session = Session.getInstance(props);
        int accepted = 0, duplicates = 0, rejected = 0, failed = 0, documentsOnly = 0, deferred = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(imap.host(), imap.port(), imap.username(), imap.password());
            Folder folder = store.getFolder(imap.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                int n = Math.min(unseen.length, imap.maxPerPoll());
                for (int i = 0; i < n; i++) {
                    if (!backlog.hasRoom(IntakeBacklog.IMAP)) {
                        // The mail server keeps them unseen: the next poll takes them once the engine caught up
                        deferred = n - i;
                        break;
                    }
                    switch (handle(session, unseen[i])) {
                        case ACCEPTED -> accepted++;
                        case DUPLICATE -> duplicates++;
                        case REJECTED -> rejected++;
                        case FAILED -> failed++;
                        case DOCUMENTS -> documentsOnly++;
                    }
                }
            } finally {
                folder.close(false);
            }
        }
        return new PollResult(accepted, duplicates, rejected, failed, documentsOnly, deferred);
    }

    private enum Handled { ACCEPTED, DUPLICATE, REJECTED, FAILED, DOCUMENTS }

    private Handled handle(Session session, Message message) {
        byte[] raw;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            raw = bytes.toByteArray();
        } catch (MessagingException | IOException e) {
            log.warn("Could not read message {}: {}", message.getMessageNumber(), e.toString());
            return Handled.FAILED;
        }
        String inboxId = null;
        try {
            MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(raw));
            String externalId = MailMessages.externalId(parsed);
            if (externalId == null) {
                externalId = MailMessages.fingerprint(raw);
            }
            inboxId = inbox.store("imap", "message/rfc822", externalId, raw);
            // Invoice attachments first: each is stored as a document whatever becomes of the inquiry.
            int invoices = documents.receive(parsed);
            if (MailDocuments.documentsOnly(parsed, invoices)) {
                inbox.mark(inboxId, Inbox.DOCUMENTS, invoices + " invoice document(s) and no text: not an inquiry",
                        null);
                markSeen(message);
                return Handled.DOCUMENTS;
            }
            InquiryDraft draft = MailMessages.toDraft(parsed);
            draft = new InquiryDraft(draft.channel(), draft.from(), draft.subject(), draft.body(), null, externalId);
            InquiryIntake.Outcome outcome = intake.accept(inboxId, draft);
            markSeen(message);
            return outcome.created() ? Handled.ACCEPTED : Handled.DUPLICATE;
        } catch (InvalidInquiryException e) {
            // Stored as REJECTED in the inbox; reading it again would not make it valid.
            markSeen(message);
            return Handled.REJECTED;
        } catch (WorkflowStartException e) {
            return Handled.FAILED;
        } catch (MessagingException | IOException | RuntimeException e) {
            if (inboxId != null) {
                inbox.mark(inboxId, Inbox.REJECTED, "unreadable mail: " + e, null);
                markSeen(message);
                return Handled.REJECTED;
            }
            log.warn("Could not store message {}: {}", message.getMessageNumber(), e.toString());
            return Handled.FAILED;
        }
    }

    /** Seen mail is not read again: what it left in the inbox must be on disk first. */
    private void markSeen(Message message) {
        durable.persist();
        try {
            message.setFlag(Flags.Flag.SEEN, true);
        } catch (MessagingException e) {
            // The next poll reads it again; its Message-ID makes that harmless.
            log.warn("Could not mark message {} seen: {}", message.getMessageNumber(), e.toString());
        }
    }
}
