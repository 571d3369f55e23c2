package io.stratum.ingestion;

import io.stratum.ingestion.document.DocumentInspection;
import io.stratum.ingestion.document.DocumentIntake;
import io.stratum.ingestion.document.DocumentRejectedException;
import io.stratum.ingestion.document.DocumentSettings;
import io.stratum.ingestion.document.DocumentStartException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;

/**
 * Invoices by e-mail: attachments that are PDF, PNG, JPEG or TIFF by their bytes become documents (channel
 * {@code email}, sender = the From address). A mail that carries such attachments and no text of its own is a
 * delivery of documents, not a support inquiry; a mail with text is an inquiry as well (its sender may be asking
 * something, and triage can tell).
 */
@Component
class MailDocuments {

    private static final Logger log = LoggerFactory.getLogger(MailDocuments.class);

    private final DocumentIntake documents;
    private final long maxSize;

    MailDocuments(DocumentIntake documents, DocumentSettings settings) {
        this.documents = documents;
        this.maxSize = settings.maxSize().toBytes();
    }

    /**
     * Takes the mail's invoice attachments into the document inbox. Each one is stored whatever becomes of it
     * (rejected ones with the reason; one whose process did not start is started by the background retry).
     *
     * @return how many attachments were invoice documents
     */
    int receive(MimeMessage message) throws MessagingException, IOException {
        String from = MailMessages.sender(message);
        List<MailMessages.Attachment> attachments;
        try {
            attachments = MailMessages.attachments(message, maxSize);
        } catch (MessagingException | IOException e) {
            // A broken attachment (bad Base64, cut-off multipart) must not cost the mail its inquiry.
            log.warn("Attachments of a mail from the IMAP channel unreadable: {}", e.toString());
            return 0;
        }
        int received = 0;
        for (MailMessages.Attachment a : attachments) {
            if (DocumentInspection.detect(a.head()) == null) {
                continue; // not an invoice format: such attachments were never read, and still are not
            }
            received++;
            try {
                if (a.truncated()) {
                    documents.tooLarge(a.name(), -1, DocumentIntake.EMAIL, from);
                } else {
                    documents.receive(a.bytes(), a.name(), DocumentIntake.EMAIL, from);
                }
            } catch (DocumentRejectedException e) {
                log.info("Mail attachment {} from {} rejected: {}", a.name(), from, e.getMessage());
            } catch (DocumentStartException e) {
                log.warn("Mail attachment {} from {} stored, its process starts later: {}", a.name(), from,
                        e.getMessage());
            }
        }
        return received;
    }

    /** Documents only: at least one invoice attachment and no text of its own (the subject does not count). */
    static boolean documentsOnly(MimeMessage message, int documents) throws MessagingException, IOException {
        String text = MailMessages.text(message);
        return documents > 0 && (text == null || text.isBlank());
    }
}
