package io.stratum.intelligence.model;

/**
 * How a classifier head is trained. Part of the bootstrap cache key, so any change retrains.
 *
 * @param hashBits  n-gram hash space is 2^hashBits buckets
 * @param hidden    hidden units on the embedding branch (0 = linear head)
 * @param holdout   share of examples kept aside (stratified) for metrics and temperature calibration
 */
public record TrainingConfig(FeatureSet features, int hashBits, int hidden, int epochs, int batchSize,
                             float learningRate, float weightDecay, double holdout, long seed) {

    public static TrainingConfig defaults() {
        return new TrainingConfig(FeatureSet.COMBINED, 18, 0, 12, 64, 0.01f, 0f, 0.1, 42L);
    }

    public TrainingConfig withFeatures(FeatureSet f) {
        return new TrainingConfig(f, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout, seed);
    }

    public TrainingConfig withHoldout(double h) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, h, seed);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(features, hashBits, hidden, e, batchSize, learningRate, weightDecay, holdout, seed);
    }

    public TrainingConfig withHidden(int h) {
        return new TrainingConfig(features, hashBits, h, epochs, batchSize, learningRate, weightDecay, holdout, seed);
    }

    public TrainingConfig withLearningRate(float lr) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, lr, weightDecay, holdout, seed);
    }
}
