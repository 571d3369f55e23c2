package io.stratum.intelligence.maintenance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained failure network as plain arrays: standardised features -> ReLU hidden layer -> ReLU hidden layer -> six
 * sigmoid outputs (machine failure, then the five modes). Inference is plain Java, so scoring a reading costs
 * microseconds and no native call; training happens with DJL ({@link FailureTrainer}).
 */
public final class FailureModel {

    private final float[] mean;
    private final float[] std;
    private final int hidden;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final float[] w3;
    private final float[] b3;
    private final double threshold;
    private final int version;
    /** The {@link FailureFeatures} layout the network was trained on. */
    private final int layout;

    FailureModel(float[] mean, float[] std, int hidden, float[] w1, float[] b1, float[] w2, float[] b2, float[] w3,
                 float[] b3, double threshold, int version) {
        this(mean, std, hidden, w1, b1, w2, b2, w3, b3, threshold, version, FailureFeatures.LAYOUT);
    }

    private FailureModel(float[] mean, float[] std, int hidden, float[] w1, float[] b1, float[] w2, float[] b2,
                         float[] w3, float[] b3, double threshold, int version, int layout) {
        this.layout = layout;
        this.mean = mean;
        this.std = std;
        this.hidden = hidden;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.w3 = w3;
        this.b3 = b3;
        this.threshold = threshold;
        this.version = version;
    }

    public static final int OUTPUTS = 1 + MachineSample.MODES.length;

    /** Sigmoid outputs: [failure, TWF, HDF, PWF, OSF, RNF]. */
    double[] outputs(float[] features) {
        int in = features.length;
        float[] x = new float[in];
        for (int i = 0; i < in; i++) {
            x[i] = (features[i] - mean[i]) / std[i];
        }
        float[] h1 = DenseLayer.apply(x, w1, b1, hidden, true);
        float[] h2 = DenseLayer.apply(h1, w2, b2, hidden, true);
        float[] z = DenseLayer.apply(h2, w3, b3, OUTPUTS, false);
        double[] p = new double[OUTPUTS];
        for (int k = 0; k < OUTPUTS; k++) {
            p[k] = 1 / (1 + Math.exp(-z[k]));
        }
        // A machine fails when any mode strikes, so it is at least as likely to fail as by its likeliest mode; the
        // mode outputs each learn one boundary and are sharper than the combined output near it.
        for (int k = 1; k < OUTPUTS; k++) {
            p[0] = Math.max(p[0], p[k]);
        }
        return p;
    }

    public FailurePrediction predict(MachineSample sample) {
        double[] p = outputs(FailureFeatures.of(sample, layout));
        Map<String, Double> modes = new LinkedHashMap<>();
        String likely = null;
        double best = 0.5;
        for (int k = 0; k < MachineSample.MODES.length; k++) {
            modes.put(MachineSample.MODES[k], p[k + 1]);
            if (p[k + 1] >= best) {
                best = p[k + 1];
                likely = MachineSample.MODES[k];
            }
        }
        return new FailurePrediction(p[0], p[0] >= threshold, modes, likely, version);
    }

    /** One prediction per sample, in order: the message's readings in one call on one model version. */
    public List<FailurePrediction> predictAll(List<MachineSample> samples) {
        List<FailurePrediction> out = new ArrayList<>(samples.size());
        for (MachineSample s : samples) {
            out.add(predict(s));
        }
        return out;
    }

    /** The probability from which a failure is predicted (chosen for the best F1 on the hold-out). */
    public double threshold() {
        return threshold;
    }

    public int version() {
        return version;
    }

    /** The artefact file of a failure model version in the model registry. */
    public static final String FILE = "failure-model.bin";
    /** Files name their feature layout: "-1" files (before the gap at the limits) keep their own features. */
    private static final String MAGIC = "stratum-failure-model-";

    /** Writes the network and its decision threshold to {@value #FILE} in the directory. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(dir.resolve(FILE))))) {
            out.writeUTF(MAGIC + layout);
            out.writeInt(hidden);
            out.writeDouble(threshold);
            FloatArrays.write(out, mean, std, w1, b1, w2, b2, w3, b3);
        }
    }

    /** Reads a model {@link #save}d to the directory; {@code version} is what its predictions report. */
    public static FailureModel load(Path dir, int version) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve(FILE))))) {
            String magic = in.readUTF();
            int layout = magic.startsWith(MAGIC) ? layoutOf(magic.substring(MAGIC.length())) : -1;
            if (layout < 1 || layout > FailureFeatures.LAYOUT) {
                throw new IOException("Not a failure model (" + magic + ") in " + dir);
            }
            int hidden = in.readInt();
            double threshold = in.readDouble();
            float[][] a = FloatArrays.read(in, 8);
            return new FailureModel(a[0], a[1], hidden, a[2], a[3], a[4], a[5], a[6], a[7], threshold, version,
                    layout);
        }
    }

    private static int layoutOf(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
