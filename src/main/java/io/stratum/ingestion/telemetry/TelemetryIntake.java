package io.stratum.ingestion.telemetry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Intake of telemetry from REST and MQTT: the raw message is stored first; then each reading is validated on its
 * own (a bad reading goes to the dead-letter table with its reason, the others go on), the valid ones are scored,
 * stored in the time series, and handed on so that assets at risk get a case.
 */
@Service
public class TelemetryIntake {

    /** Physical plausibility per field (AI4I units); outside is a sensor or transmission fault, not a risk. */
    static final Map<String, double[]> RANGES = Map.of(
            "airTemperature", new double[] {250, 350},
            "processTemperature", new double[] {250, 400},
            "rotationalSpeed", new double[] {0, 5000},
            "torque", new double[] {0, 200},
            "toolWear", new double[] {0, 1000});
    /** {@link #RANGES} in the order of {@link #FIELDS}. */
    static final String[] FIELDS = {"airTemperature", "processTemperature", "rotationalSpeed", "torque", "toolWear"};
    static final double[][] RANGES_BY_INDEX = java.util.Arrays.stream(FIELDS).map(RANGES::get)
            .toArray(double[][]::new);

    /** The outcome per reading, in the order received. */
    public record ItemResult(int index, String assetId, String status, List<InvalidTelemetryException.Problem> errors,
                             Long readingId, Double failureProbability, String failureMode, Double anomalyScore) {
    }

    public record BatchResult(String rawId, int accepted, int rejected, List<ItemResult> results) {
    }

    private final TelemetryStore store;
    private final Assets assets;
    private final TelemetryAnalysis analysis;
    private final TelemetrySettings settings;
    private final ObjectReader strictJson;
    private final ApplicationEventPublisher events;
    private final StreamedReadings streamed;

    TelemetryIntake(TelemetryStore store, Assets assets, TelemetryAnalysis analysis, TelemetrySettings settings,
                    ObjectMapper json, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.assets = assets;
        this.analysis = analysis;
        this.settings = settings;
        this.strictJson = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.streamed = new StreamedReadings(json.getFactory(), settings);
    }

    /**
     * A batch: a JSON array of readings, {@code {"readings": [...]}} or a single reading object.
     *
     * @param topicAssetId the asset named by the MQTT topic (null for REST); readings may omit their assetId then
     * @throws InvalidTelemetryException when the message as a whole is unreadable (stored raw and dead-lettered)
     */
    public BatchResult ingest(String source, String topic, String topicAssetId, byte[] raw) {
        String rawId = store.storeRaw(source, topic, raw);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // The usual message (every reading valid, every asset known) in one streaming pass, without a JSON tree.
        List<Reading> fast = streamed.read(raw, topicAssetId, now);
        if (fast != null) {
            List<TelemetryAnalysis.AssetReading> valid = new ArrayList<>(fast.size());
            for (Reading r : fast) {
                Asset asset = assets.find(r.assetId()).orElse(null);
                if (asset == null) {
                    valid = null;
                    break;
                }
                valid.add(new TelemetryAnalysis.AssetReading(asset, r));
            }
            if (valid != null) {
                return accept(source, rawId, valid, indexes(valid.size()), List.of(),
                        new ArrayList<>(java.util.Collections.nCopies(valid.size(), (ItemResult) null)), valid.size());
            }
        }
        JsonNode root;
        try {
            root = strictJson.readTree(raw);
        } catch (JacksonException e) {
            return rejectAll(source, rawId, "malformed JSON: " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            return rejectAll(source, rawId, "unreadable body: " + firstLine(e.getMessage()));
        }
        List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(items::add);
        } else if (root != null && root.isObject() && root.has("readings") && root.get("readings").isArray()) {
            root.get("readings").forEach(items::add);
        } else if (root != null && root.isObject()) {
            items.add(root);
        } else {
            return rejectAll(source, rawId,
                    "expected a reading object, an array of readings or {\"readings\": [...]}");
        }
        if (items.isEmpty()) {
            return rejectAll(source, rawId, "no readings");
        }
        if (items.size() > settings.maxBatch()) {
            return rejectAll(source, rawId, "more than " + settings.maxBatch() + " readings in one message");
        }

        List<ItemResult> results = new ArrayList<>(items.size());
        List<TelemetryStore.Rejected> rejected = new ArrayList<>();
        List<TelemetryAnalysis.AssetReading> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            List<InvalidTelemetryException.Problem> problems = new ArrayList<>();
            String assetId = text(item, "assetId");
            Reading reading = validate(item, topicAssetId, now, problems);
            Asset asset = null;
            if (reading != null) {
                asset = assets.find(reading.assetId()).orElse(null);
                if (asset == null) {
                    problems.add(new InvalidTelemetryException.Problem("assetId", "unknown asset " + reading.assetId()));
                }
            }
            if (!problems.isEmpty()) {
                rejected.add(new TelemetryStore.Rejected(i, assetId != null ? assetId : topicAssetId, item.toString(),
                        String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList())));
                results.add(new ItemResult(i, assetId != null ? assetId : topicAssetId, "REJECTED", problems,
                        null, null, null, null));
            } else {
                results.add(null);
                valid.add(new TelemetryAnalysis.AssetReading(asset, reading));
                validIndex.add(i);
            }
        }
        return accept(source, rawId, valid, validIndex, rejected, results, items.size());
    }

    /** Scores and stores the valid readings with the rejected ones and fills in their results. */
    private BatchResult accept(String source, String rawId, List<TelemetryAnalysis.AssetReading> valid,
                               List<Integer> validIndex, List<TelemetryStore.Rejected> rejected,
                               List<ItemResult> results, int items) {
        // Scored before the transaction (the model and baselines are in memory), then the message's rows in one.
        List<ReadingScores> scores = valid.isEmpty() ? List.of() : analysis.score(valid);
        List<Reading> readings = valid.stream().map(TelemetryAnalysis.AssetReading::reading).toList();
        List<Long> ids = store.store(rawId, readings, scores, rejected);
        if (!valid.isEmpty()) {
            List<ScoredReading> scored = new ArrayList<>(valid.size());
            for (int k = 0; k < valid.size(); k++) {
                ReadingScores s = scores.get(k);
                Reading r = readings.get(k);
                scored.add(new ScoredReading(ids.get(k), valid.get(k).asset(), r, s));
                results.set(validIndex.get(k), new ItemResult(validIndex.get(k), r.assetId(), "ACCEPTED", List.of(),
                        ids.get(k), s.failureProbability(), s.failureMode(), s.anomalyScore()));
            }
            analysis.stored(scored);
        }
        events.publishEvent(new TelemetryReceived(source, valid.size(), items - valid.size()));
        return new BatchResult(rawId, valid.size(), items - valid.size(), results);
    }

    private static List<Integer> indexes(int n) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    private BatchResult rejectAll(String source, String rawId, String reason) {
        store.deadLetter(rawId, -1, null, null, reason);
        events.publishEvent(new TelemetryReceived(source, 0, 1));
        throw new InvalidTelemetryException("Unreadable telemetry: " + reason,
                List.of(new InvalidTelemetryException.Problem("$", reason)), rawId);
    }

    Reading validate(JsonNode item, String topicAssetId, Instant now, List<InvalidTelemetryException.Problem> problems) {
        if (!item.isObject()) {
            problems.add(new InvalidTelemetryException.Problem("$", "a reading must be a JSON object"));
            return null;
        }
        String assetId = text(item, "assetId");
        if (item.has("assetId") && assetId == null) {
            problems.add(new InvalidTelemetryException.Problem("assetId", "must be a string"));
        } else if (assetId == null) {
            assetId = topicAssetId;
        } else if (topicAssetId != null && !topicAssetId.equals(assetId)) {
            problems.add(new InvalidTelemetryException.Problem("assetId",
                    "'" + assetId + "' differs from the topic's asset '" + topicAssetId + "'"));
        }
        if (assetId == null || assetId.isBlank()) {
            problems.add(new InvalidTelemetryException.Problem("assetId", "required"));
        }
        Instant measuredAt = now;
        JsonNode at = item.get("measuredAt");
        if (at != null && !at.isNull()) {
            try {
                measuredAt = UtcInstants.parse(at.asText()).truncatedTo(ChronoUnit.MICROS);
                if (measuredAt.isAfter(now.plus(settings.maxClockSkew()))) {
                    problems.add(new InvalidTelemetryException.Problem("measuredAt", "lies in the future"));
                } else if (measuredAt.isBefore(Instant.EPOCH)) {
                    // No sensor reading predates 1970; year -999999999 overflowed into a far-future H2 timestamp and
                    // was a 500 on PostgreSQL (before 4713 BC), losing the batch
                    problems.add(new InvalidTelemetryException.Problem("measuredAt", "lies before 1970"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new InvalidTelemetryException.Problem("measuredAt",
                        "an ISO-8601 instant such as 2026-03-02T09:00:00Z"));
            }
        }
        double[] v = new double[5];
        String[] fields = FIELDS;
        for (int f = 0; f < fields.length; f++) {
            JsonNode n = item.get(fields[f]);
            double[] range = RANGES.get(fields[f]);
            if (n == null || n.isNull()) {
                problems.add(new InvalidTelemetryException.Problem(fields[f], "required"));
            } else if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                problems.add(new InvalidTelemetryException.Problem(fields[f], "must be a number"));
            } else if (n.asDouble() < range[0] || n.asDouble() > range[1]) {
                problems.add(new InvalidTelemetryException.Problem(fields[f],
                        "out of range [" + fmt(range[0]) + ", " + fmt(range[1]) + "]: " + n.asText()));
            } else {
                v[f] = n.asDouble();
            }
        }
        double[] sensors = sensors(item.get("sensors"), problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Reading(assetId, measuredAt, v[0], v[1], v[2], v[3], v[4], sensors);
    }

    /** The optional cycle sensors: exactly 21 finite numbers (C-MAPSS order), or absent. */
    private static double[] sensors(JsonNode n, List<InvalidTelemetryException.Problem> problems) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray() || n.size() != Reading.SENSORS) {
            problems.add(new InvalidTelemetryException.Problem("sensors",
                    "an array of " + Reading.SENSORS + " numbers (C-MAPSS sensors 1-21)"));
            return null;
        }
        double[] s = new double[Reading.SENSORS];
        for (int i = 0; i < s.length; i++) {
            JsonNode x = n.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble()) || Math.abs(x.asDouble()) > 1e6) {
                problems.add(new InvalidTelemetryException.Problem("sensors[" + i + "]",
                        "must be a number within ±1000000"));
                return null;
            }
            s[i] = x.asDouble();
        }
        return s;
    }

    private static String text(JsonNode item, String field) {
        JsonNode n = item.isObject() ? item.get(field) : null;
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
