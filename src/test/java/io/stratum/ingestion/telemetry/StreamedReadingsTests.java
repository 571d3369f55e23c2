package io.stratum.ingestion.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/**
 * The streaming fast path reads exactly what the tree path accepts, and gives every message with anything to
 * explain back to the tree path; the quick instant parser agrees with {@link Instant#parse}.
 */
class StreamedReadingsTests {

    static final ObjectMapper JSON = new ObjectMapper();
    final TelemetrySettings settings = new Binder(ConfigurationPropertySources.get(new MockEnvironment()))
            .bindOrCreate("stratum.telemetry", TelemetrySettings.class);
    final StreamedReadings streamed = new StreamedReadings(JSON.getFactory(), settings);
    final TelemetryIntake intake = new TelemetryIntake(mock(TelemetryStore.class), mock(Assets.class),
            mock(TelemetryAnalysis.class), settings, JSON, e -> { });
    final Instant now = Instant.parse("2026-11-26T10:00:00.123456Z");

    static final String READING = "\"airTemperature\":300.1,\"processTemperature\":310,\"rotationalSpeed\":1500,"
            + "\"torque\":40.25,\"toolWear\":5";

    private List<Reading> fast(String json, String topicAsset) {
        return streamed.read(json.getBytes(StandardCharsets.UTF_8), topicAsset, now);
    }

    /** What the tree path makes of the same message's items, or null when any item has a problem. */
    private List<Reading> tree(String json, String topicAsset) throws Exception {
        JsonNode root = JSON.readTree(json);
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else if (root.has("readings")) {
            root.get("readings").forEach(items::add);
        } else {
            items.add(root);
        }
        List<Reading> readings = new ArrayList<>();
        for (JsonNode item : items) {
            List<InvalidTelemetryException.Problem> problems = new ArrayList<>();
            Reading r = intake.validate(item, topicAsset, now, problems);
            if (r == null) {
                return null;
            }
            readings.add(r);
        }
        return readings;
    }

    @Test
    void validMessagesReadAsTheTreePathReadsThem() throws Exception {
        String sensors = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> i + ".5e1")
                .collect(java.util.stream.Collectors.joining(","));
        List<String> messages = List.of(
                "[{\"assetId\":\"M-1\"," + READING + "}]",
                "{\"readings\":[{\"assetId\":\"M-1\"," + READING + "},{\"assetId\":\"M-2\",\"measuredAt\":"
                        + "\"2026-11-26T09:00:00Z\"," + READING + "}]}",
                "{" + READING + ",\"measuredAt\":\"2026-11-26T09:00:00.1234567Z\",\"note\":{\"x\":[1,2]}}",
                "{" + READING + ",\"measuredAt\":null,\"sensors\":null}",
                "[{\"assetId\":\"M-1\",\"sensors\":[" + sensors + "]," + READING + "}]",
                "[{\"assetId\":\"M-1\",\"measuredAt\":\"2026-11-26T10:00:00.5+00:00\"," + READING + "}]");
        for (String m : messages) {
            List<Reading> fast = fast(m, m.contains("assetId") ? null : "M-1");
            List<Reading> tree = tree(m, m.contains("assetId") ? null : "M-1");
            assertThat(fast).as(m).isNotNull().hasSameSizeAs(tree);
            for (int i = 0; i < fast.size(); i++) {
                assertThat(fast.get(i)).as(m).usingRecursiveComparison().isEqualTo(tree.get(i));
            }
        }
    }

    @Test
    void anythingToExplainGoesToTheTreePath() {
        List<String> messages = List.of(
                "[{\"assetId\":\"M-1\",\"airTemperature\":300,\"processTemperature\":310,\"rotationalSpeed\":1500,"
                        + "\"torque\":-4,\"toolWear\":5}]", // out of range
                "[{\"assetId\":\"M-1\",\"airTemperature\":\"hot\",\"processTemperature\":310,"
                        + "\"rotationalSpeed\":1500,\"torque\":40,\"toolWear\":5}]", // not a number
                "[{\"assetId\":\"M-1\",\"processTemperature\":310,\"rotationalSpeed\":1500,\"torque\":40,"
                        + "\"toolWear\":5}]", // missing
                "[{\"assetId\":\"M-1\",\"measuredAt\":\"2027-01-01T00:00:00Z\"," + READING + "}]", // future
                "[{\"assetId\":\"M-1\",\"measuredAt\":\"yesterday\"," + READING + "}]",
                "[{\"assetId\":42," + READING + "}]",
                "[{\"assetId\":\"M-1\",\"torque\":1," + READING + "}]", // duplicate key
                "[{\"assetId\":\"M-1\"," + READING + "}] x", // trailing data
                "[{\"assetId\":\"M-1\"," + READING + ",\"sensors\":[1,2,3]}]",
                "[{\"assetId\":\"M-1\"," + READING + "}, 7]",
                "{" + READING + ",\"readings\":[]}",
                "{\"readings\":[{\"assetId\":\"M-1\"," + READING + "}],\"more\":1}",
                "[]", "42", "{\"assetId\": ");
        for (String m : messages) {
            assertThat(fast(m, null)).as(m).isNull();
        }
        // The topic's asset may not be contradicted, and a reading without any asset is an error.
        assertThat(fast("{\"assetId\":\"M-2\"," + READING + "}", "M-1")).isNull();
        assertThat(fast("{" + READING + "}", null)).isNull();
    }

    @Test
    void instantsParseAsInstantParseDoes() {
        for (String s : List.of("2026-03-02T09:00:00Z", "2026-03-02T09:00:00.1Z", "2026-03-02T09:00:00.123Z",
                "2026-03-02T09:00:00.123456789Z", "2024-02-29T23:59:59.000001Z", "1970-01-01T00:00:00Z",
                "2026-03-02T09:00:00+01:00", "+12026-03-02T09:00:00Z",
                "2026-03-02T24:00:00Z", "2026-03-02T09:00:00.Z")) {
            assertThat(UtcInstants.parse(s)).as(s).isEqualTo(Instant.parse(s));
        }
        for (String s : List.of("2026-02-30T09:00:00Z", "2026-13-02T09:00:00Z",
                "2026-03-02T09:60:00Z", "2026-03-02 09:00:00Z", "2026-03-02T09:00:00.1234567890Z",
                "2026-0a-02T09:00:00Z")) {
            assertThatThrownBy(() -> UtcInstants.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Instant.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
        }
        assertThat(UtcInstants.parse("2026-03-02T09:00:00.5Z").truncatedTo(ChronoUnit.MICROS).getNano())
                .isEqualTo(500_000_000);
    }
}
