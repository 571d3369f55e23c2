package io.stratum.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps existing databases upgradable: tests only ever see fresh databases, where any set of migrations applies, but
 * Flyway refuses to start on a database that applied a migration since changed or removed, and on one whose newest
 * applied migration is above a new one ("resolved migration not applied"). {@code db/released-migrations.txt} lists
 * the migrations as they reached main; these checks hold the files to it.
 */
class MigrationHistoryTests {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path RELEASED = Path.of("src/test/resources/db/released-migrations.txt");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__\\w+\\.sql");
    private static final String ORDERED_FROM_HERE = "# ---- from here on, in version order ----";

    @Test
    void releasedMigrationsAreUnchanged() throws IOException {
        Map<String, String> files = migrationFiles();
        List<String> problems = new ArrayList<>();
        released().forEach(r -> {
            String hash = files.get(r.file());
            if (hash == null) {
                problems.add(r.file() + " was released and is gone: databases that applied it no longer start");
            } else if (!hash.equals(r.hash())) {
                problems.add(r.file() + " changed after its release (now " + hash + "): databases that applied it "
                        + "fail Flyway's validation; put the change in a new migration");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMigrationIsListedAboveTheNewestBeforeIt() throws IOException {
        List<Released> released = released();
        Map<String, String> files = migrationFiles();
        int newest = released.stream().mapToInt(Released::version).max().orElse(0);
        List<String> unlisted = files.keySet().stream()
                .filter(f -> released.stream().noneMatch(r -> r.file().equals(f))).toList();
        assertThat(unlisted).as("migrations missing from " + RELEASED + "; each must be above V" + newest
                        + " and listed at its end: " + String.join(", ",
                        unlisted.stream().map(f -> "\"" + f + " " + files.get(f) + "\"").toList()))
                .isEmpty();

        int highest = 0;
        for (Released r : released) {
            if (r.ordered()) {
                assertThat(r.version()).as(r.file() + " is numbered below V" + highest + ", released before it: "
                        + "a database that applied V" + highest + " refuses it; give it the next free version")
                        .isGreaterThan(highest);
            }
            highest = Math.max(highest, r.version());
        }
    }

    private record Released(String file, String hash, int version, boolean ordered) {
    }

    private static List<Released> released() throws IOException {
        List<Released> out = new ArrayList<>();
        boolean ordered = false;
        for (String line : Files.readAllLines(RELEASED)) {
            if (line.equals(ORDERED_FROM_HERE)) {
                ordered = true;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            assertThat(parts).as("line \"" + line + "\" of " + RELEASED + " is not \"<file> <hash>\"").hasSize(2);
            out.add(new Released(parts[0], parts[1], version(parts[0]), ordered));
        }
        assertThat(ordered).as(RELEASED + " lacks the line \"" + ORDERED_FROM_HERE + "\"").isTrue();
        return out;
    }

    /** File name to the first 16 hex digits of its SHA-256, in version order. */
    private static Map<String, String> migrationFiles() throws IOException {
        Map<Integer, String> byVersion = new TreeMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                String previous = byVersion.put(version(name), name);
                assertThat(previous).as("two migrations share version " + version(name)).isNull();
                hashes.put(name, sha256(Files.readAllBytes(p)).substring(0, 16));
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        byVersion.values().forEach(n -> ordered.put(n, hashes.get(n)));
        return ordered;
    }

    private static int version(String file) {
        Matcher m = NAME.matcher(file);
        assertThat(m.matches()).as(file + " is not named V<version>__<description>.sql").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
