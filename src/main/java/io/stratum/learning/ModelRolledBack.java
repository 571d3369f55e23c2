package io.stratum.learning;

import java.time.Instant;

/** Published when an admin puts an earlier version back in service (the decision/audit log's to record). */
public record ModelRolledBack(String model, int fromVersion, int toVersion, String actor, String reason,
                              Instant at) {
}
