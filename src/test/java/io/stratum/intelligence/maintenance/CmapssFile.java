package io.stratum.intelligence.maintenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads C-MAPSS files (unit, cycle, 3 settings, 21 sensors; evaluation only, the data is never shipped). */
public final class CmapssFile {

    public static final Path FD001 = Ai4iCsv.find("shared/datasets/cmapss/train_FD001.txt");

    private CmapssFile() {
    }

    /** @param runToFailure whether each unit's last cycle is its failure (training files) */
    public static List<EngineHistory> read(Path file, boolean runToFailure) throws IOException {
        Map<String, List<double[]>> units = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            double[] sensors = Arrays.stream(f, 5, 5 + EngineHistory.SENSORS).mapToDouble(Double::parseDouble).toArray();
            units.computeIfAbsent(f[0], u -> new ArrayList<>()).add(sensors);
        }
        List<EngineHistory> engines = new ArrayList<>();
        units.forEach((unit, cycles) -> engines.add(new EngineHistory(unit, cycles, runToFailure ? cycles.size() : 0)));
        return engines;
    }
}
