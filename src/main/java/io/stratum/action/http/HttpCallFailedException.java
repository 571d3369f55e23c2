package io.stratum.action.http;

/** The call was made but got no answer (connection refused, timeout, reset, answer too large): worth a retry. */
public class HttpCallFailedException extends RuntimeException {

    public HttpCallFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
