package io.stratum.ingestion.document;

import io.stratum.ingestion.IntakeBacklog;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The upload door for invoices and the read side of the document inbox. */
@RestController
class DocumentController {

    static final String PART = "file";

    record Accepted(String documentId, String processInstanceId) {
    }

    record DocumentView(String id, String fileName, String mediaType, long size, String sha256, Integer pages,
                        String channel, String sender, String status, String rejection, String reason,
                        String processInstanceId, Instant receivedAt) {
    }

    private final DocumentIntake intake;
    private final IntakeBacklog backlog;

    DocumentController(DocumentIntake intake, IntakeBacklog backlog) {
        this.intake = intake;
        this.backlog = backlog;
    }

    /**
     * Multipart upload, the file in part {@code file}. The part's name and declared content type are kept as
     * information only: what the file is comes from its bytes. Refused (503) before anything is stored while the
     * job executor is too far behind ({@link IntakeBacklog}).
     */
    @PostMapping("/api/invoices")
    ResponseEntity<Accepted> upload(HttpServletRequest request, Principal principal) throws IOException {
        backlog.awaitRoom(IntakeBacklog.INVOICE_UPLOAD);
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            throw new UploadShapeException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not a multipart upload",
                    "send multipart/form-data with the invoice in part '" + PART + "'");
        }
        MultipartFile file = multipart.getFile(PART); // parses the body: the size limit applies here
        if (file == null) {
            throw new UploadShapeException(HttpStatus.BAD_REQUEST, "Missing file",
                    "the multipart body has no part '" + PART + "' holding a file; parts sent: "
                            + multipart.getMultiFileMap().keySet());
        }
        DocumentIntake.Outcome outcome = intake.receive(file.getBytes(), file.getOriginalFilename(),
                DocumentIntake.UPLOAD, principal == null ? null : principal.getName());
        StoredDocument doc = outcome.document();
        return ResponseEntity.status(outcome.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .header(HttpHeaders.LOCATION, "/api/documents/" + doc.id())
                .body(new Accepted(doc.id(), doc.processInstanceId()));
    }

    @GetMapping("/api/documents/{id}")
    DocumentView get(@PathVariable String id) {
        DocumentRecords.Row row = intake.row(id).orElseThrow(() -> new DocumentNotFoundException(id));
        StoredDocument d = row.document();
        return new DocumentView(d.id(), d.fileName(), d.mediaType(), d.size(), d.sha256(), row.pages(), d.channel(),
                d.sender(), d.status(), row.rejection() == null ? null : row.rejection().name(), d.reason(),
                d.processInstanceId(), d.receivedAt());
    }

    /**
     * The raw bytes as received. Always as an attachment, and rejected files as application/octet-stream, so that
     * nothing uploaded is ever rendered by a browser as a page of this origin.
     */
    @GetMapping("/api/documents/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable String id) {
        StoredDocument doc = intake.find(id).orElseThrow(() -> new DocumentNotFoundException(id));
        if (doc.sha256() == null) {
            throw new UploadShapeException(HttpStatus.GONE, "Content not kept",
                    "document " + id + " was refused for its size; its bytes were not kept");
        }
        MediaType type = doc.mediaType() == null || DocumentRecords.REJECTED.equals(doc.status())
                ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(doc.mediaType());
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(doc.fileName() == null ? doc.id() : doc.fileName(), StandardCharsets.UTF_8)
                        .build().toString())
                .body(intake.content(id));
    }

    /**
     * Spring's multipart limit, hit while the body was parsed: recorded like any oversized file. Handled here rather
     * than by Boot's global problem handler, so that the refusal is in the document inbox too.
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request,
                                           Principal principal) {
        DocumentRejectedException rejected = intake.tooLarge(null, request.getContentLengthLong(),
                DocumentIntake.UPLOAD, principal == null ? null : principal.getName());
        return DocumentProblems.rejected(rejected, request);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformed(MultipartException e, HttpServletRequest request) {
        Throwable cause = e.getMostSpecificCause();
        return DocumentProblems.problem(HttpStatus.BAD_REQUEST, "Malformed multipart body",
                "the upload could not be parsed as multipart/form-data: "
                        + DocumentInspection.firstLine(cause.getMessage()), request,
                Map.of("errors", List.of(Map.of("field", PART, "message", "not a readable multipart upload"))));
    }
}
