package io.stratum.intelligence.maintenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads AI4I 2020 CSV rows (evaluation only; the data is never shipped). Failure-mode columns are labels. */
public final class Ai4iCsv {

    public static final Path TRAIN = find("shared/datasets/ai4i2020/ai4i2020-train.csv");

    /** A row with its UDI. */
    public record Row(String udi, MachineSample sample) {
    }

    private Ai4iCsv() {
    }

    /** ../shared/datasets from the project root; from a worktree one level deeper, the next parent up. */
    public static Path find(String relative) {
        for (Path p = Path.of("").toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        return Path.of("..").resolve(relative);
    }

    public static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            boolean labelled = f.length >= 14;
            boolean[] modes = new boolean[MachineSample.MODES.length];
            for (int k = 0; labelled && k < modes.length; k++) {
                modes[k] = "1".equals(f[9 + k].strip());
            }
            rows.add(new Row(f[0], new MachineSample(f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                    labelled && "1".equals(f[8].strip()), modes)));
        }
        return rows;
    }
}
