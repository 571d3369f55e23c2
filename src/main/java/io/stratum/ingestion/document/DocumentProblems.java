package io.stratum.ingestion.document;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** RFC 9457 problems for the document API; every refusal of a file names the stored document and why. */
@RestControllerAdvice(basePackageClasses = DocumentProblems.class)
class DocumentProblems {

    @ExceptionHandler(DocumentRejectedException.class)
    ResponseEntity<ProblemDetail> rejectedFile(DocumentRejectedException e, HttpServletRequest request) {
        return rejected(e, request);
    }

    static ResponseEntity<ProblemDetail> rejected(DocumentRejectedException e, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(e.rejection().status);
        StoredDocument doc = e.document();
        ProblemDetail problem = detail(status, e.rejection().title, "Document refused: " + e.getMessage(), request);
        problem.setProperty("documentId", doc.id());
        problem.setProperty("rejection", e.rejection().name());
        problem.setProperty("errors", List.of(Map.of("field", DocumentController.PART, "message", e.getMessage())));
        // No "Connection: close" for oversized uploads: Tomcat then drains the unread rest of the body (up to
        // server.tomcat.max-swallow-size) and the client, still sending, reads this answer instead of a reset.
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(DocumentStartException.class)
    ResponseEntity<ProblemDetail> notStarted(DocumentStartException e, HttpServletRequest request) {
        ProblemDetail problem = detail(HttpStatus.SERVICE_UNAVAILABLE, "Invoice process could not be started",
                "The document is stored and valid, but its process did not start; it is started in the background,"
                        + " and sending the same file again returns it. " + e.getMessage(), request);
        problem.setProperty("documentId", e.documentId());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .body(problem);
    }

    @ExceptionHandler(DocumentNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(DocumentNotFoundException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(detail(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request));
    }

    @ExceptionHandler(UploadShapeException.class)
    ResponseEntity<ProblemDetail> shape(UploadShapeException e, HttpServletRequest request) {
        return problem(e.status, e.title, e.getMessage(), request,
                Map.of("errors", List.of(Map.of("field", DocumentController.PART, "message", e.getMessage()))));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                 HttpServletRequest request, Map<String, Object> properties) {
        ProblemDetail problem = detail(status, title, detail, request);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    private static ProblemDetail detail(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }
}
