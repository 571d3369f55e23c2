package io.stratum.ingestion;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request body above the configured limit: 413 with an RFC 9457 problem wherever it is thrown (Spring renders an
 * {@link ErrorResponseException} itself; the ingestion API's advice adds the request as instance).
 */
public class PayloadTooLargeException extends ErrorResponseException {

    public PayloadTooLargeException(long limit) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, problem(limit), null);
    }

    private static ProblemDetail problem(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "Request body exceeds the limit of " + limit + " bytes");
        problem.setTitle("Payload too large");
        problem.setProperty("limitBytes", limit);
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        // The rest of the body is unread; closing tells the client not to reuse the connection.
        headers.set(HttpHeaders.CONNECTION, "close");
        return headers;
    }
}
