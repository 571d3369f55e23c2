package io.stratum.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.maintenance.MachineSample;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The failure model's feedback format: a technician's outcome of a visit ({@code ReportVisitOutcome}) as a labelled
 * reading. Input {@code productType=<L|M|H>;reading=<the reading as JSON>}, corrected label {@value #NONE} (no fault
 * found), {@value #FAILURE} (a fault of no listed mode) or a mode (TWF, HDF, PWF, OSF, RNF). Imported examples for the
 * failure model use the same text and label.
 */
public final class FailureFeedback {

    public static final String NONE = "none";
    public static final String FAILURE = "failure";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] MEASUREMENTS = {"airTemperature", "processTemperature", "rotationalSpeed", "torque",
            "toolWear"};

    private FailureFeedback() {
    }

    /** The input text of a feedback record for the reading (a JSON object with the five AI4I measurements). */
    public static String input(Object productType, Object readingJson) {
        return "productType=" + productType + ";reading=" + readingJson;
    }

    /** The labelled sample, or empty when the input or label cannot be read. */
    public static Optional<MachineSample> sample(String input, String label) {
        if (input == null || label == null || !input.startsWith("productType=")) {
            return Optional.empty();
        }
        int sep = input.indexOf(";reading=");
        if (sep < 0) {
            return Optional.empty();
        }
        String type = input.substring("productType=".length(), sep).trim().toUpperCase(Locale.ROOT);
        if (!type.equals("L") && !type.equals("M") && !type.equals("H")) {
            return Optional.empty();
        }
        double[] v = new double[MEASUREMENTS.length];
        try {
            JsonNode reading = JSON.readTree(input.substring(sep + ";reading=".length()));
            for (int i = 0; i < v.length; i++) {
                JsonNode n = reading.get(MEASUREMENTS[i]);
                if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
                    return Optional.empty();
                }
                v[i] = n.asDouble();
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        String l = label.trim();
        boolean[] modes = new boolean[MachineSample.MODES.length];
        boolean failed;
        if (NONE.equalsIgnoreCase(l)) {
            failed = false;
        } else if (FAILURE.equalsIgnoreCase(l)) {
            failed = true;
        } else {
            int mode = Arrays.asList(MachineSample.MODES).indexOf(l.toUpperCase(Locale.ROOT));
            if (mode < 0) {
                return Optional.empty();
            }
            modes[mode] = true;
            failed = true;
        }
        return Optional.of(new MachineSample(type, v[0], v[1], v[2], v[3], v[4], failed, modes));
    }

    static Optional<MachineSample> sample(Feedback f) {
        return sample(f.input(), f.corrected());
    }
}
