package io.stratum.intelligence.maintenance;

/**
 * Model inputs from one sample: the five measurements, the physically meaningful combinations (temperature
 * difference, mechanical power, wear x torque strain relative to the product's overstrain limit) and the product
 * type one-hot. The combinations let a small network find the failure mechanisms from few examples.
 */
public final class FailureFeatures {

    public static final int SIZE = 12;

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
        double power = s.torque() * s.rotationalSpeed() * 2 * Math.PI / 60;
        double strain = s.toolWear() * s.torque();
        return new float[] {
                (float) s.airTemperature(), (float) s.processTemperature(), (float) s.rotationalSpeed(),
                (float) s.torque(), (float) s.toolWear(),
                (float) (s.processTemperature() - s.airTemperature()),
                (float) power,
                (float) (strain / overstrainLimit(s.productType())),
                (float) Math.log(Math.max(1, power)),
                "L".equals(s.productType()) ? 1f : 0f,
                "M".equals(s.productType()) ? 1f : 0f,
                "H".equals(s.productType()) ? 1f : 0f};
    }
}
