package io.stratum.intelligence.model;

/** Which features a classifier head reads. */
public enum FeatureSet {
    /** Hashed word/char n-gram TF-IDF only: cheapest, no encoder call. */
    HASHED,
    /** all-MiniLM-L6-v2 sentence embedding only. */
    EMBEDDING,
    /** One head over [embedding ‖ hashed n-grams]: the encoder generalises over paraphrases, n-grams over exact terms. */
    COMBINED;

    public boolean usesHashed() {
        return this != EMBEDDING;
    }

    public boolean usesEmbedding() {
        return this != HASHED;
    }
}
