package io.stratum.intelligence.maintenance;

/**
 * A trained remaining-useful-life network as plain arrays: standardised {@link RulFeatures} -> two ReLU hidden
 * layers -> one linear output, the remaining life as a share of {@code cap} cycles. Inference is plain Java; training
 * happens with DJL ({@link RulTrainer}).
 */
public final class RulModel {

    private final float[] mean;
    private final float[] std;
    private final int hidden;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final float[] w3;
    private final float[] b3;
    private final int cap;

    RulModel(float[] mean, float[] std, int hidden, float[] w1, float[] b1, float[] w2, float[] b2, float[] w3,
             float[] b3, int cap) {
        this.mean = mean;
        this.std = std;
        this.hidden = hidden;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.w3 = w3;
        this.b3 = b3;
        this.cap = cap;
    }

    /** Remaining useful life in cycles after the last one in the history, between 0 and {@link #cap()}. */
    public double predict(EngineHistory engine) {
        return Math.max(0, Math.min(1, raw(RulFeatures.of(engine)))) * cap;
    }

    double raw(float[] features) {
        float[] x = new float[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (features[i] - mean[i]) / std[i];
        }
        float[] h1 = DenseLayer.apply(x, w1, b1, hidden, true);
        float[] h2 = DenseLayer.apply(h1, w2, b2, hidden, true);
        return DenseLayer.apply(h2, w3, b3, 1, false)[0];
    }

    /** Remaining lives above this many cycles are all "healthy" (the piece-wise linear target). */
    public int cap() {
        return cap;
    }
}
