package io.stratum.intelligence.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Stratum's own run-to-failure engine histories in the shape of NASA's C-MAPSS turbofan simulation (one operating
 * condition, 21 sensors per cycle), for the bootstrap remaining-useful-life model: no public rows, only the
 * simulation's documented behaviour. Each engine gets a life of about 130–360 cycles and a wear that stays near zero
 * for most of it and then grows exponentially to failure; the sensors that carry wear drift from their nominal level
 * by their own end-of-life shift times that wear, plus a small per-engine manufacturing offset and measurement noise.
 * Seven sensors are constant in this condition. Levels, noise and drifts are in the ranges the simulation's sensors
 * show for sea-level operation.
 */
public final class RulDataGenerator {

    /** Per sensor (C-MAPSS numbering 1–21): nominal level, noise standard deviation, shift at failure. */
    private static final double[][] PROFILE = {
            {518.67, 0, 0},          // 1 fan inlet temperature (constant)
            {642.3, 0.45, 1.2},      // 2 LPC outlet temperature
            {1585.0, 5.5, 20},       // 3 HPC outlet temperature
            {1400.0, 7.5, 30},       // 4 LPT outlet temperature
            {14.62, 0, 0},           // 5 fan inlet pressure (constant)
            {21.61, 0, 0},           // 6 bypass-duct pressure (constant)
            {554.1, 0.7, -2.8},      // 7 HPC outlet pressure
            {2388.04, 0.06, 0.22},   // 8 fan speed
            {9050.0, 9, 45},         // 9 core speed (drift differs most between engines)
            {1.3, 0, 0},             // 10 engine pressure ratio (constant)
            {47.35, 0.23, 1.0},      // 11 HPC outlet static pressure
            {521.9, 0.6, -2.4},      // 12 fuel flow ratio
            {2388.04, 0.06, 0.22},   // 13 corrected fan speed
            {8138.0, 7, 35},         // 14 corrected core speed (drift differs most between engines)
            {8.42, 0.032, 0.11},     // 15 bypass ratio
            {0.03, 0, 0},            // 16 burner fuel-air ratio (constant)
            {392.5, 1.3, 5},         // 17 bleed enthalpy (whole numbers)
            {2388, 0, 0},            // 18 demanded fan speed (constant)
            {100, 0, 0},             // 19 demanded corrected fan speed (constant)
            {38.95, 0.16, -0.75},    // 20 HPT coolant bleed
            {23.37, 0.1, -0.45}};    // 21 LPT coolant bleed

    private final Random random;

    public RulDataGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** {@code engines} complete histories, each ending at its failure ({@code failedAfter} = its cycle count). */
    public List<EngineHistory> generate(int engines) {
        List<EngineHistory> out = new ArrayList<>(engines);
        for (int e = 0; e < engines; e++) {
            out.add(engine("G-" + (e + 1)));
        }
        return out;
    }

    private EngineHistory engine(String unit) {
        int life = (int) Math.round(Math.max(128, Math.min(362, 205 + 45 * random.nextGaussian())));
        double steepness = 3 + 2.5 * random.nextDouble();
        double initialWear = 0.03 * random.nextDouble();
        double[] offset = new double[EngineHistory.SENSORS];
        double[] shift = new double[EngineHistory.SENSORS];
        for (int s = 0; s < EngineHistory.SENSORS; s++) {
            offset[s] = 0.3 * PROFILE[s][1] * random.nextGaussian();
            // The two shaft speeds drift by very different amounts from engine to engine, the others by ±20 %.
            boolean speed = s == 8 || s == 13;
            shift[s] = PROFILE[s][2] * (speed ? 1.6 * random.nextDouble() - 0.1 : 0.8 + 0.4 * random.nextDouble());
        }
        List<double[]> cycles = new ArrayList<>(life);
        for (int t = 1; t <= life; t++) {
            double wear = initialWear + (1 - initialWear)
                    * (Math.exp(steepness * t / life) - 1) / (Math.exp(steepness) - 1);
            double[] c = new double[EngineHistory.SENSORS];
            for (int s = 0; s < EngineHistory.SENSORS; s++) {
                c[s] = PROFILE[s][0] + offset[s] + shift[s] * wear + PROFILE[s][1] * random.nextGaussian();
            }
            c[16] = Math.round(c[16]);
            cycles.add(c);
        }
        return new EngineHistory(unit, cycles, life);
    }
}
