package io.stratum.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} pairs from {@code -Dbench.args}, paths relative to {@code -Dbench.cwd}. */
final class BenchArgs {

    private BenchArgs() {
    }

    static Map<String, String> parse(String line) {
        Map<String, String> args = new LinkedHashMap<>();
        String[] parts = line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("--")) {
                String key = parts[i].substring(2);
                boolean hasValue = i + 1 < parts.length && !parts[i + 1].startsWith("--");
                args.put(key, hasValue ? parts[++i] : "true");
            }
        }
        return args;
    }

    static Path path(String value) {
        Path p = Path.of(value);
        return p.isAbsolute() ? p : Path.of(System.getProperty("bench.cwd", ".")).resolve(p);
    }
}
