package io.stratum.intelligence.model;

/**
 * How a classifier head is trained. Part of the bootstrap cache key, so any change retrains.
 *
 * @param hashBits  n-gram hash space is 2^hashBits buckets
 * @param hidden    hidden units on the embedding branch (0 = linear head)
 * @param holdout   share of examples kept aside (stratified) for metrics and temperature calibration
 * @param hashedWeight COMBINED only: weight of the n-gram expert's log-probabilities (the embedding's is 1 - it)
 * @param cascadeThreshold COMBINED only: an input whose n-gram expert alone is at least this sure is answered
 *                     without the sentence encoder; above 1 = never (see {@link TextModel#probabilitiesWithoutEmbedding})
 */
public record TrainingConfig(FeatureSet features, int hashBits, int hidden, int epochs, int batchSize,
                             float learningRate, float weightDecay, double holdout, long seed, double hashedWeight,
                             double cascadeThreshold) {

    public static TrainingConfig defaults() {
        return new TrainingConfig(FeatureSet.COMBINED, 18, 0, 30, 64, 0.005f, 0f, 0.1, 42L, 0.5, 0.9);
    }

    public TrainingConfig withCascadeThreshold(double t) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout,
                seed, hashedWeight, t);
    }

    public TrainingConfig withHashedWeight(double w) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout,
                seed, w, cascadeThreshold);
    }

    public TrainingConfig withFeatures(FeatureSet f) {
        return new TrainingConfig(f, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout, seed, hashedWeight, cascadeThreshold);
    }

    public TrainingConfig withHoldout(double h) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, h, seed, hashedWeight, cascadeThreshold);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(features, hashBits, hidden, e, batchSize, learningRate, weightDecay, holdout, seed, hashedWeight, cascadeThreshold);
    }

    public TrainingConfig withHidden(int h) {
        return new TrainingConfig(features, hashBits, h, epochs, batchSize, learningRate, weightDecay, holdout, seed, hashedWeight, cascadeThreshold);
    }

    public TrainingConfig withLearningRate(float lr) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, lr, weightDecay, holdout, seed,
                hashedWeight, cascadeThreshold);
    }
}
