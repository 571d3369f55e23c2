package io.stratum.ingestion;

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

/**
 * RFC 9457 problems for the ingestion API's own exceptions. Scoped to this package's controllers; Spring MVC's own
 * exceptions are rendered by Boot's problem-details handler ({@code spring.mvc.problemdetails.enabled}).
 */
@RestControllerAdvice(basePackageClasses = IngestionProblems.class)
class IngestionProblems {

    /** A backlog at the limit shrinks by hundreds of jobs in this time on one node. */
    static final java.time.Duration RETRY_AFTER_BUSY = java.time.Duration.ofSeconds(5);

    @ExceptionHandler(InvalidInquiryException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInquiryException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid inquiry", e.getMessage(), request);
        problem.setProperty("errors", fieldErrors(e.problems()));
        problem.setProperty("inboxId", e.inboxId());
        return respond(problem);
    }

    @ExceptionHandler(InboxController.InvalidQueryException.class)
    ResponseEntity<ProblemDetail> invalidQuery(InboxController.InvalidQueryException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid query", e.getMessage(), request);
        problem.setProperty("errors", fieldErrors(e.problems()));
        return respond(problem);
    }

    @ExceptionHandler(CustomerImportException.class)
    ResponseEntity<ProblemDetail> invalidImport(CustomerImportException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid customer CSV", e.getMessage(), request);
        problem.setProperty("line", e.line());
        problem.setProperty("errors", fieldErrors(e.problems()));
        return respond(problem);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        ProblemDetail problem = e.getBody();
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request));
    }

    @ExceptionHandler(WorkflowStartException.class)
    ResponseEntity<ProblemDetail> workflowDown(WorkflowStartException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Workflow could not be started",
                "The inquiry is stored but its triage did not start; retry later with the same externalId. "
                        + e.getMessage(), request);
        problem.setProperty("inquiryId", e.inquiryId());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .body(problem);
    }

    @ExceptionHandler(IntakeBusyException.class)
    ResponseEntity<ProblemDetail> busy(IntakeBusyException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Intake busy", e.getMessage(), request);
        problem.setProperty("backlog", e.backlog());
        problem.setProperty("limit", e.limit());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                String.valueOf(RETRY_AFTER_BUSY.toSeconds())).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private static List<Map<String, String>> fieldErrors(List<FieldProblem> problems) {
        return problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
