package io.stratum.learning;

import java.util.List;

/** Labelled examples for retraining: every human verdict on an AI decision lands here. */
public interface RetrainingStore {

    /** Stores the feedback; the same decision id recorded twice keeps the first record. */
    Feedback record(Feedback feedback);

    List<Feedback> feedback(String model, int limit);

    /** Every feedback record of a model, oldest first (the order time-aware splits need). */
    List<Feedback> allFeedback(String model);

    /** How many feedback records a model has received after the given time (all when null). */
    long countSince(String model, java.time.Instant after);
}
