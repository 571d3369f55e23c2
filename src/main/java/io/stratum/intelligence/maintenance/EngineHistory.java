package io.stratum.intelligence.maintenance;

import java.util.List;

/**
 * The sensor history of one engine (C-MAPSS style), oldest cycle first: each cycle holds the 21 sensor values.
 * {@code failedAfter} is the cycle count at failure when known (training data), else 0.
 */
public record EngineHistory(String unit, List<double[]> cycles, int failedAfter) {

    public static final int SENSORS = 21;

    public EngineHistory {
        if (cycles.isEmpty()) {
            throw new IllegalArgumentException("engine " + unit + " has no cycles");
        }
        for (double[] c : cycles) {
            if (c.length != SENSORS) {
                throw new IllegalArgumentException("engine " + unit + ": expected " + SENSORS + " sensors, got "
                        + c.length);
            }
        }
        cycles = List.copyOf(cycles);
    }

    /** The first {@code n} cycles, as if the engine had been observed only until then. */
    public EngineHistory truncated(int n) {
        return new EngineHistory(unit, cycles.subList(0, n), failedAfter);
    }
}
