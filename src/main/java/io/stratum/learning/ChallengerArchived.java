package io.stratum.learning;

import java.time.Instant;

/** Published when a challenger is retired without promotion (not better, or the model owner rejected it). */
public record ChallengerArchived(String model, int version, String actor, String reason, Instant at) {
}
