package io.stratum.learning;

import java.time.Instant;

/** One bulk import of training examples: progress while it runs, counts and the error when it ends. */
public record ExampleImport(String id, String model, String status, long linesRead, long imported, long duplicates,
                            String error, String startedBy, Instant startedAt, Instant finishedAt) {
}
