package io.stratum.ingestion.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The usual message read in one streaming pass, without building a JSON tree: readings that are all well formed and
 * within range. Anything unusual (a missing, null or non-numeric field, a value out of range, a time in the future,
 * a duplicate key, trailing data, a shape other than an array, {@code {"readings": [...]}} or one reading) gives
 * {@code null}, and {@link TelemetryIntake}'s tree path reads the message again and words each reading's errors.
 * So this class only decides what is valid; it never explains.
 */
final class StreamedReadings {

    private final JsonFactory factory;
    private final TelemetrySettings settings;

    StreamedReadings(JsonFactory factory, TelemetrySettings settings) {
        this.factory = factory;
        this.settings = settings;
    }

    /** The readings in order, or null when the tree path must judge the message. */
    List<Reading> read(byte[] raw, String topicAssetId, Instant now) {
        try (JsonParser p = factory.createParser(raw)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = p.nextToken();
            List<Reading> readings = new ArrayList<>();
            if (first == JsonToken.START_ARRAY) {
                if (!readArray(p, topicAssetId, now, readings)) {
                    return null;
                }
            } else if (first == JsonToken.START_OBJECT) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.FIELD_NAME && "readings".equals(p.currentName())) {
                    // Only {"readings": [...]} alone; anything beside it is for the tree path.
                    if (p.nextToken() != JsonToken.START_ARRAY || !readArray(p, topicAssetId, now, readings)
                            || p.nextToken() != JsonToken.END_OBJECT) {
                        return null;
                    }
                } else {
                    Reading r = readFields(p, t, topicAssetId, now);
                    if (r == null) {
                        return null;
                    }
                    readings.add(r);
                }
            } else {
                return null;
            }
            if (p.nextToken() != null || readings.isEmpty() || readings.size() > settings.maxBatch()) {
                return null;
            }
            return readings;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private boolean readArray(JsonParser p, String topicAssetId, Instant now, List<Reading> into) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            Reading r = readFields(p, p.nextToken(), topicAssetId, now);
            if (r == null || into.size() >= settings.maxBatch()) {
                return false;
            }
            into.add(r);
        }
        return t == JsonToken.END_ARRAY;
    }

    /** Reads one reading object's fields, from its first token after '{' up to and including its '}'. */
    private Reading readFields(JsonParser p, JsonToken t, String topicAssetId, Instant now) throws IOException {
        String assetId = null;
        Instant measuredAt = now;
        double[] v = new double[5];
        int seen = 0;
        double[] sensors = null;
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int field = switch (name) {
                case "airTemperature" -> 0;
                case "processTemperature" -> 1;
                case "rotationalSpeed" -> 2;
                case "torque" -> 3;
                case "toolWear" -> 4;
                default -> -1;
            };
            if (field >= 0) {
                if (!value.isNumeric()) {
                    return null;
                }
                double d = p.getDoubleValue();
                double[] range = TelemetryIntake.RANGES_BY_INDEX[field];
                if (!Double.isFinite(d) || d < range[0] || d > range[1]) {
                    return null;
                }
                v[field] = d;
                seen |= 1 << field;
            } else if ("assetId".equals(name)) {
                if (value != JsonToken.VALUE_STRING) {
                    return null;
                }
                assetId = p.getText();
            } else if ("measuredAt".equals(name)) {
                if (value == JsonToken.VALUE_STRING) {
                    try {
                        measuredAt = UtcInstants.parse(p.getText()).truncatedTo(ChronoUnit.MICROS);
                    } catch (DateTimeParseException e) {
                        return null;
                    }
                    if (measuredAt.isAfter(now.plus(settings.maxClockSkew())) || measuredAt.isBefore(Instant.EPOCH)) {
                        return null;
                    }
                } else if (value != JsonToken.VALUE_NULL) {
                    return null;
                }
            } else if ("readings".equals(name)) {
                return null; // a batch wrapper with other keys: the tree path knows that shape
            } else if ("sensors".equals(name)) {
                if (value == JsonToken.START_ARRAY) {
                    sensors = readSensors(p);
                    if (sensors == null) {
                        return null;
                    }
                } else if (value != JsonToken.VALUE_NULL) {
                    return null;
                }
            } else {
                p.skipChildren(); // unknown fields are ignored, as on the tree path
            }
        }
        if (t != JsonToken.END_OBJECT || seen != 0b11111) {
            return null;
        }
        if (assetId == null) {
            assetId = topicAssetId;
        } else if (topicAssetId != null && !topicAssetId.equals(assetId)) {
            return null;
        }
        if (assetId == null || assetId.isBlank()) {
            return null;
        }
        return new Reading(assetId, measuredAt, v[0], v[1], v[2], v[3], v[4], sensors);
    }

    private static double[] readSensors(JsonParser p) throws IOException {
        double[] s = new double[Reading.SENSORS];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null || !t.isNumeric() || n == s.length) {
                return null;
            }
            double d = p.getDoubleValue();
            if (!Double.isFinite(d) || Math.abs(d) > 1e6) {
                return null;
            }
            s[n++] = d;
        }
        return n == s.length ? s : null;
    }
}
