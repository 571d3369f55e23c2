package io.stratum.intelligence.maintenance;

/** Plain-Java inference of one fully connected layer as DJL trained it (weights row-major, inputs x outputs). */
final class DenseLayer {

    private DenseLayer() {
    }

    /** {@code x · w + b}, then ReLU when asked; zero inputs are skipped (one-hot and clipped features are common). */
    static float[] apply(float[] x, float[] w, float[] b, int out, boolean relu) {
        float[] y = b.clone();
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            if (xi == 0f) {
                continue;
            }
            int base = i * out;
            for (int j = 0; j < out; j++) {
                y[j] += xi * w[base + j];
            }
        }
        if (relu) {
            for (int j = 0; j < out; j++) {
                y[j] = Math.max(0f, y[j]);
            }
        }
        return y;
    }
}
