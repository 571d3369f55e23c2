package io.stratum.ingestion;

/** A request body above the configured limit; recorded in the inbox (size only) and answered with 413. */
class PayloadTooLargeException extends RuntimeException {

    private final long limit;

    PayloadTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
