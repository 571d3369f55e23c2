package io.stratum.intelligence.maintenance;

/**
 * One process observation in AI4I 2020 units, with its labels when known: {@code failed} and the failure modes
 * (tool wear, heat dissipation, power, overstrain, random). Unlabelled samples carry false.
 */
public record MachineSample(String productType, double airTemperature, double processTemperature,
                            double rotationalSpeed, double torque, double toolWear, boolean failed, boolean[] modes) {

    /** Failure modes in output order. */
    public static final String[] MODES = {"TWF", "HDF", "PWF", "OSF", "RNF"};

    public static MachineSample unlabelled(String productType, double air, double process, double rpm, double torque,
                                           double toolWear) {
        return new MachineSample(productType, air, process, rpm, torque, toolWear, false, new boolean[MODES.length]);
    }
}
