package io.stratum.ingestion.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * Intake of documents (invoices) from every channel, in the inquiry intake's order: the raw file is stored (disk, then
 * row) before it is inspected; inspection rejects it (stored as REJECTED with the reason) or accepts it; an accepted
 * document starts its process exactly once. The same bytes again (sha256) are the same document, from any channel.
 * Not one transaction on purpose: every step commits, so a failure leaves a visible, retryable state.
 */
@Service
public class DocumentIntake implements Documents {

    private static final Logger log = LoggerFactory.getLogger(DocumentIntake.class);

    public static final String UPLOAD = "upload";
    public static final String EMAIL = "email";
    public static final String FOLDER = "folder";

    /** @param created true when this call started the process (202), false when it already ran (200) */
    public record Outcome(StoredDocument document, boolean created) {
    }

    private final DocumentRecords records;
    private final DocumentFiles files;
    private final InvoiceWorkflow workflow;
    private final DocumentSettings settings;
    private final TransactionTemplate tx;

    DocumentIntake(DocumentRecords records, DocumentFiles files, InvoiceWorkflow workflow, DocumentSettings settings,
                   TransactionTemplate tx) {
        this.records = records;
        this.files = files;
        this.workflow = workflow;
        this.settings = settings;
        this.tx = tx;
    }

    /**
     * Receives a file.
     *
     * @throws DocumentRejectedException when the file is refused (stored as REJECTED; the same bytes again are
     *                                   refused the same way)
     * @throws DocumentStartException    when the process could not start now (stored; the background retry starts it)
     */
    public Outcome receive(byte[] bytes, String fileName, String channel, String sender) {
        if (bytes.length > settings.maxSize().toBytes()) {
            throw tooLarge(fileName, bytes.length, channel, sender);
        }
        String sha256 = sha256(bytes);
        Optional<DocumentRecords.Row> existing = records.findBySha256(sha256);
        if (existing.isEmpty()) {
            files.write(sha256, bytes);
            try {
                DocumentRecords.Row row = records.insert(UUID.randomUUID().toString(), fileName, bytes.length, sha256,
                        channel, sender);
                return judge(row.document(), bytes);
            } catch (DuplicateKeyException raceLost) {
                // The same file arrived at the same moment on another request or channel: continue with that one.
                existing = records.findBySha256(sha256);
            }
        }
        return resume(existing.orElseThrow(() -> new IllegalStateException("document " + sha256 + " vanished")),
                bytes);
    }

    /**
     * Records a file refused for its size before it was read (the multipart limit, or a file on disk too large to
     * read): the fact, name and size are kept, the bytes are not.
     *
     * @return the exception to throw (or handle)
     */
    public DocumentRejectedException tooLarge(String fileName, long size, String channel, String sender) {
        long limit = settings.maxSize().toBytes();
        String reason = "the file has " + (size < 0 ? "more than " + limit : String.valueOf(size))
                + " bytes, more than the limit of " + limit + "; it was not kept";
        DocumentRecords.Row row = records.insertOversized(UUID.randomUUID().toString(), fileName,
                Math.max(size, 0), channel, sender, reason);
        return new DocumentRejectedException(row.document(), DocumentInspection.Rejection.TOO_LARGE);
    }

    /** A document seen before: its earlier verdict stands; one not yet started is judged and started now. */
    private Outcome resume(DocumentRecords.Row row, byte[] bytes) {
        StoredDocument doc = row.document();
        if (doc.processInstanceId() != null) {
            return new Outcome(doc, false);
        }
        if (DocumentRecords.REJECTED.equals(doc.status())) {
            throw new DocumentRejectedException(doc, row.rejection());
        }
        return judge(doc, bytes);
    }

    private Outcome judge(StoredDocument doc, byte[] bytes) {
        DocumentInspection.Verdict verdict = DocumentInspection.inspect(bytes, limits());
        if (!verdict.accepted()) {
            records.rejected(doc.id(), verdict.mediaType(), verdict.pages(), verdict.rejection(), verdict.reason());
            throw new DocumentRejectedException(records.find(doc.id()).orElseThrow().document(),
                    verdict.rejection());
        }
        records.inspected(doc.id(), verdict.mediaType(), verdict.pages());
        return start(doc.id());
    }

    /**
     * Starts the process of an accepted document exactly once across requests, retries and nodes: under the row's
     * lock, in one transaction with recording the process instance id (a node dying mid-start leaves it RECEIVED).
     */
    private Outcome start(String id) {
        try {
            return tx.execute(status -> {
                StoredDocument locked = records.lockForStart(id).orElseThrow().document();
                if (locked.processInstanceId() != null) {
                    return new Outcome(locked, false);
                }
                String processInstanceId = workflow.start(locked);
                records.started(id, processInstanceId);
                return new Outcome(records.find(id).orElseThrow().document(), true);
            });
        } catch (PessimisticLockingFailureException busy) {
            throw new DocumentStartException(id, "its start is still running in another request", busy);
        } catch (RuntimeException e) {
            String reason = "process start failed: " + e.getClass().getSimpleName() + ": "
                    + DocumentInspection.firstLine(e.getMessage());
            log.warn("Document {} stored but not started: {}", id, reason, e);
            records.startFailed(id, reason);
            throw new DocumentStartException(id, reason, e);
        }
    }

    /**
     * Judges and starts documents left without a process: RECEIVED after {@code startTimeout} (their node stopped)
     * and FAILED after {@code retry.interval}. Safe next to requests and other nodes doing the same (row lock).
     *
     * @return how many processes this run started
     */
    int restartUnstarted() {
        int started = 0;
        for (DocumentRecords.Row row : records.unstarted(settings.startTimeout(), settings.retry().interval(),
                settings.retry().batchSize())) {
            try {
                if (judge(row.document(), files.read(row.document().sha256())).created()) {
                    started++;
                }
            } catch (DocumentRejectedException e) {
                // recorded on the row
            } catch (RuntimeException e) {
                log.warn("Restart of document {} failed again: {}", row.document().id(), e.toString());
            }
        }
        return started;
    }

    @Override
    public Optional<StoredDocument> find(String documentId) {
        return records.find(documentId).map(DocumentRecords.Row::document);
    }

    /** @throws NoSuchElementException for an unknown document, or one too large to have been kept */
    @Override
    public byte[] content(String documentId) {
        StoredDocument doc = find(documentId)
                .orElseThrow(() -> new NoSuchElementException("Document " + documentId + " not found"));
        if (doc.sha256() == null) {
            throw new NoSuchElementException("Document " + documentId + " was too large to be kept");
        }
        return files.read(doc.sha256());
    }

    Optional<DocumentRecords.Row> row(String documentId) {
        return records.find(documentId);
    }

    DocumentInspection.Limits limits() {
        return new DocumentInspection.Limits(settings.maxSize().toBytes(), settings.maxPages(), settings.maxPixels(),
                settings.pdfMemory().toBytes());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
