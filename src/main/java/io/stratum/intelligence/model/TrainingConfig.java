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
 * @param neighbourWeight COMBINED only: weight of the nearest-neighbour vote over the training embeddings (taken
 *                     from the embedding expert's share: hashedWeight + neighbourWeight must not exceed 1; 0 = off)
 * @param refit        after the hold-out has given metrics and temperatures, train again on all examples (same
 *                     settings) and keep that calibration: the hold-out's examples are not lost to the model, at
 *                     twice the head-training time
 */
public record TrainingConfig(FeatureSet features, int hashBits, int hidden, int epochs, int batchSize,
                             float learningRate, float weightDecay, double holdout, long seed, double hashedWeight,
                             double cascadeThreshold, double neighbourWeight, boolean refit) {

    public TrainingConfig {
        if (hashedWeight < 0 || neighbourWeight < 0 || hashedWeight + neighbourWeight > 1) {
            throw new IllegalArgumentException("hashedWeight " + hashedWeight + " and neighbourWeight "
                    + neighbourWeight + " must be non-negative and add up to at most 1");
        }
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(FeatureSet.COMBINED, 18, 0, 30, 64, 0.005f, 0f, 0.1, 42L, 0.35, 0.95, 0.25, true);
    }

    public TrainingConfig withCascadeThreshold(double t) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout,
                seed, hashedWeight, t, neighbourWeight, refit);
    }

    public TrainingConfig withNeighbourWeight(double w) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout,
                seed, hashedWeight, cascadeThreshold, w, refit);
    }

    public TrainingConfig withRefit(boolean r) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout,
                seed, hashedWeight, cascadeThreshold, neighbourWeight, r);
    }

    public TrainingConfig withHashedWeight(double w) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout,
                seed, w, cascadeThreshold, neighbourWeight, refit);
    }

    public TrainingConfig withFeatures(FeatureSet f) {
        return new TrainingConfig(f, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, holdout, seed, hashedWeight, cascadeThreshold, neighbourWeight, refit);
    }

    public TrainingConfig withHoldout(double h) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay, h, seed, hashedWeight, cascadeThreshold, neighbourWeight, refit);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(features, hashBits, hidden, e, batchSize, learningRate, weightDecay, holdout, seed, hashedWeight, cascadeThreshold, neighbourWeight, refit);
    }

    public TrainingConfig withHidden(int h) {
        return new TrainingConfig(features, hashBits, h, epochs, batchSize, learningRate, weightDecay, holdout, seed, hashedWeight, cascadeThreshold, neighbourWeight, refit);
    }

    public TrainingConfig withLearningRate(float lr) {
        return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, lr, weightDecay, holdout, seed,
                hashedWeight, cascadeThreshold, neighbourWeight, refit);
    }
}
