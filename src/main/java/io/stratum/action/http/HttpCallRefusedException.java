package io.stratum.action.http;

/**
 * A call Stratum will not make: a host outside the allow-list, a malformed URL or method, an unknown secret. A
 * configuration or modelling error, so retrying does not help.
 */
public class HttpCallRefusedException extends RuntimeException {

    public HttpCallRefusedException(String message) {
        super(message);
    }
}
