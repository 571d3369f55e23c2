package io.stratum.ingestion;

import java.time.Duration;

/** The job executor is too far behind to take another inquiry or document now; nothing of the request was stored. */
class IntakeBusyException extends RuntimeException {

    private final long backlog;
    private final int limit;

    IntakeBusyException(long backlog, int limit, Duration waited) {
        super("The workflow engine is " + backlog + " jobs behind (limit " + limit + "); waited " + waited.toMillis()
                + " ms for room. Nothing was stored: send it again later.");
        this.backlog = backlog;
        this.limit = limit;
    }

    long backlog() {
        return backlog;
    }

    int limit() {
        return limit;
    }
}
