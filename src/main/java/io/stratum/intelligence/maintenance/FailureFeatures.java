package io.stratum.intelligence.maintenance;

/**
 * Model inputs from one sample: the five measurements, the physically meaningful combinations (temperature
 * difference, mechanical power, wear x torque strain relative to the product's overstrain limit), the signed margin
 * of each documented mechanism to its limit (negative = beyond it) and the product type one-hot. The combinations
 * and margins let a small network find the failure mechanisms from few examples and place the boundaries exactly
 * where the physics puts them, which is what makes a model trained on generated data transfer to real machines.
 */
public final class FailureFeatures {

    public static final int SIZE = 15;
    /**
     * The layout models are trained with now: 2 puts a gap between the two sides of every limit (see
     * {@link #margin}); 1, without it, is still computed for models trained before.
     */
    static final int LAYOUT = 2;

    /** Heat dissipation fails below this temperature difference (K) ... */
    static final double HEAT_DELTA_K = 8.6;
    /** ... at under this speed (rpm). */
    static final double HEAT_RPM = 1380;
    /** Power failure outside this band (W). */
    static final double POWER_MIN_W = 3500;
    static final double POWER_MAX_W = 9000;

    private FailureFeatures() {
    }

    static double overstrainLimit(String productType) {
        return switch (productType) {
            case "H" -> 13_000;
            case "M" -> 12_000;
            default -> 11_000;
        };
    }

    public static float[] of(MachineSample s) {
        return of(s, LAYOUT);
    }

    static float[] of(MachineSample s, int layout) {
        double gap = layout >= 2 ? SIDE_GAP : 0;
        double delta = s.processTemperature() - s.airTemperature();
        double power = s.torque() * s.rotationalSpeed() * 2 * Math.PI / 60;
        double strain = s.toolWear() * s.torque();
        double limit = overstrainLimit(s.productType());
        // Heat dissipation needs both a small difference and a slow spindle: the margin is the larger of the two.
        double heatMargin = Math.max(margin(delta - HEAT_DELTA_K, 0.05, gap), margin(s.rotationalSpeed() - HEAT_RPM, 1, gap));
        double powerMargin = Math.min(margin(power - POWER_MIN_W, 10, gap), margin(POWER_MAX_W - power, 10, gap));
        double strainMargin = margin(limit - strain, 10, gap);
        return new float[] {
                (float) s.airTemperature(), (float) s.processTemperature(), (float) s.rotationalSpeed(),
                (float) s.torque(), (float) s.toolWear(),
                (float) delta,
                (float) power,
                (float) (strain / limit),
                (float) Math.log(Math.max(1, power)),
                (float) heatMargin,
                (float) powerMargin,
                (float) strainMargin,
                "L".equals(s.productType()) ? 1f : 0f,
                "M".equals(s.productType()) ? 1f : 0f,
                "H".equals(s.productType()) ? 1f : 0f};
    }

    /**
     * Signed distance to a limit on a log scale, in units of about a sensor step: a few steps either side of the
     * limit are as far apart as hundreds further out, so the network can draw the boundary sharply. The two sides
     * are also a fixed gap apart ({@code gap} either way, at distance 0 on the safe side, as the mechanisms
     * compare strictly): a reading whose temperature difference is 8.6 K only up to floating-point rounding
     * (308.6 - 300.0) lands on the side the label's own arithmetic puts it, instead of at 0 where a standardised
     * float cannot tell the sides apart.
     */
    static double margin(double distance, double step, double gap) {
        double scaled = Math.log1p(Math.abs(distance) / step);
        return distance >= 0 ? gap + scaled : -gap - scaled;
    }

    private static final double SIDE_GAP = 0.5;
}
