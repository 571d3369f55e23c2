package io.stratum.governance;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** RFC 9457 problems for the history and audit API's own exceptions. */
@RestControllerAdvice(assignableTypes = {HistoryController.class, AuditController.class})
class AuditProblems {

    @ExceptionHandler(AuditQueryException.class)
    ResponseEntity<ProblemDetail> badQuery(AuditQueryException e, HttpServletRequest request) {
        HttpStatus status = e.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.notFound() ? "Not found" : "Invalid query");
        problem.setInstance(URI.create(request.getRequestURI()));
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
