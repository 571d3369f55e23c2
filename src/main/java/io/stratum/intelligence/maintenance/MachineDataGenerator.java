package io.stratum.intelligence.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Stratum's own bootstrap data for the failure model: machine readings simulated from the physics that the AI4I 2020
 * paper documents (not its data). Air temperature around 300 K, process temperature about 10 K above it, speed and
 * torque anti-correlated, tool wear grown by product quality; failures by the documented mechanisms: tool wear end
 * of life (200-240 min), heat dissipation (temperature difference below 8.6 K at under 1380 rpm), power outside
 * 3500-9000 W, overstrain (wear x torque above 11,000/12,000/13,000 min Nm for L/M/H) and rare random failures.
 * Noise and overlapping ranges make it a real learning problem, not a lookup.
 */
public final class MachineDataGenerator {

    private final Random random;

    public MachineDataGenerator(long seed) {
        this.random = new Random(seed);
    }

    public List<MachineSample> generate(int n) {
        List<MachineSample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            samples.add(next());
        }
        return samples;
    }

    MachineSample next() {
        double u = random.nextDouble();
        String type = u < 0.5 ? "L" : u < 0.8 ? "M" : "H";
        double air = 300 + 2 * random.nextGaussian();
        double process = air + 10 + random.nextGaussian();
        double torque = Math.max(3, 40 + 10 * random.nextGaussian());
        double rpm = Math.max(1150, 1538 - 15.7 * (torque - 40) + 85 * random.nextGaussian());
        // Over-sample worn tools a little so end-of-life and overstrain are seen often enough to learn.
        double wear = random.nextDouble() < 0.85 ? random.nextDouble() * 250 : 180 + random.nextDouble() * 80;
        wear = Math.floor(wear);
        return label(type, air, process, rpm, torque, wear);
    }

    MachineSample label(String type, double air, double process, double rpm, double torque, double wear) {
        boolean[] modes = new boolean[MachineSample.MODES.length];
        modes[0] = wear >= 200 && wear <= 240 && random.nextDouble() < 0.35;
        modes[1] = process - air < 8.6 && rpm < 1380;
        double power = torque * rpm * 2 * Math.PI / 60;
        modes[2] = power < 3500 || power > 9000;
        modes[3] = wear * torque > FailureFeatures.overstrainLimit(type);
        modes[4] = random.nextDouble() < 0.001;
        boolean failed = false;
        for (boolean m : modes) {
            failed |= m;
        }
        return new MachineSample(type, air, process, rpm, torque, wear, failed, modes);
    }
}
