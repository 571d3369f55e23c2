package io.stratum.intelligence.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Stratum's own bootstrap data for the failure model: machine readings simulated from the physics that the AI4I 2020
 * paper documents (not its data). Air temperature around 300 K, process temperature about 10 K above it, speed and
 * torque anti-correlated, tool wear growing by 2/3/5 min per process for L/M/H until the tool reaches its end of life
 * (drawn between 200 and 240 min) and is replaced. Failures by the documented mechanisms: the tool failing at its end
 * of life (the paper: 69 of 120 replacements were failures), heat dissipation (temperature difference below 8.6 K at
 * under 1380 rpm), power outside 3500-9000 W, overstrain (wear x torque above 11,000/12,000/13,000 min Nm for L/M/H)
 * and rare random failures. Most readings sit around the usual operating point; a share is drawn uniformly from the
 * whole operating envelope so that the model learns where each boundary lies everywhere, not only where a particular
 * machine park happens to run. Tool-wear and random failures cannot be foreseen from one reading, which keeps the
 * problem honest: a model that flags every worn tool is wrong most of the time.
 */
public final class MachineDataGenerator {

    /** Share of tool replacements at end of life that were failures in the paper (69 of 120). */
    private static final double TOOL_FAILURE_SHARE = 0.575;

    /** Share of readings drawn uniformly from the operating envelope rather than around the usual operating point. */
    private static final double ENVELOPE_SHARE = 0.3;

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
        String type = u < 0.6 ? "L" : u < 0.9 ? "M" : "H";
        double air;
        double process;
        double torque;
        double rpm;
        if (random.nextDouble() < ENVELOPE_SHARE) {
            // Anywhere in the operating envelope, so every failure boundary is seen along its whole length.
            air = 295 + random.nextDouble() * 10;
            process = air + 7.5 + random.nextDouble() * 5;
            torque = 3 + random.nextDouble() * 74;
            rpm = 1150 + random.nextDouble() * 1750;
        } else {
            air = 300 + 2 * random.nextGaussian();
            process = air + 10 + random.nextGaussian();
            torque = Math.max(3, 40 + 10 * random.nextGaussian());
            rpm = Math.max(1150, 1538 - 15.7 * (torque - 40) + 85 * random.nextGaussian());
        }
        // A reading at a random point of a tool's life; the reading that reaches its end is the tool's last.
        int step = switch (type) {
            case "H" -> 5;
            case "M" -> 3;
            default -> 2;
        };
        double endOfLife = 200 + random.nextDouble() * 40;
        double wear = Math.floor(random.nextDouble() * (endOfLife + step));
        boolean toolFails = wear >= endOfLife && random.nextDouble() < TOOL_FAILURE_SHARE;
        // Sensor resolution: 0.1 K, 1 rpm, 0.1 Nm, 1 min.
        return label(type, tenth(air), tenth(process), Math.round(rpm), tenth(torque), wear, toolFails);
    }

    private static double tenth(double v) {
        return Math.round(v * 10) / 10.0;
    }

    MachineSample label(String type, double air, double process, double rpm, double torque, double wear,
                        boolean toolFails) {
        boolean[] modes = new boolean[MachineSample.MODES.length];
        modes[0] = toolFails;
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
