package io.stratum.intelligence.maintenance;

import java.util.List;

/**
 * Inputs of the remaining-useful-life model from an engine's history: for each sensor that moves with wear, the
 * recent level (mean of the last 5 cycles), the level over the window (last 30 cycles), the trend over the window
 * (least-squares slope per cycle) and the drift from the engine's own early baseline (first 10 cycles), plus the age
 * in cycles. Levels say how worn the engine is, trends how fast it is wearing, the baseline removes the unit-to-unit
 * differences of manufacture; short histories use what they have.
 */
public final class RulFeatures {

    /** Sensors (1-based, C-MAPSS numbering) that carry degradation; the others are constant in one condition. */
    static final int[] SENSORS = {2, 3, 4, 7, 8, 9, 11, 12, 13, 14, 15, 17, 20, 21};
    static final int WINDOW = 30;
    static final int RECENT = 5;
    static final int BASELINE = 10;
    public static final int SIZE = SENSORS.length * 4 + 1;

    private RulFeatures() {
    }

    public static float[] of(EngineHistory engine) {
        List<double[]> c = engine.cycles();
        int n = c.size();
        int from = Math.max(0, n - WINDOW);
        int w = n - from;
        float[] f = new float[SIZE];
        int k = 0;
        for (int s : SENSORS) {
            int j = s - 1;
            double recent = mean(c, Math.max(0, n - RECENT), n, j);
            double window = mean(c, from, n, j);
            double baseline = mean(c, 0, Math.min(BASELINE, n), j);
            double tMean = (w - 1) / 2.0;
            double num = 0;
            double den = 0;
            for (int i = 0; i < w; i++) {
                num += (i - tMean) * (c.get(from + i)[j] - window);
                den += (i - tMean) * (i - tMean);
            }
            f[k++] = (float) recent;
            f[k++] = (float) window;
            f[k++] = (float) (den == 0 ? 0 : num / den);
            f[k++] = (float) (recent - baseline);
        }
        f[k] = n;
        return f;
    }

    private static double mean(List<double[]> c, int from, int to, int j) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += c.get(i)[j];
        }
        return sum / (to - from);
    }
}
