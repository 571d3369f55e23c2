package io.stratum.intelligence.maintenance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained remaining-useful-life network as plain arrays: standardised {@link RulFeatures} -> two ReLU hidden
 * layers -> one linear output, the remaining life as a share of {@code cap} cycles. Inference is plain Java; training
 * happens with DJL ({@link RulTrainer}).
 */
public final class RulModel {

    private final float[] mean;
    private final float[] std;
    private final int hidden;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final float[] w3;
    private final float[] b3;
    private final int cap;

    RulModel(float[] mean, float[] std, int hidden, float[] w1, float[] b1, float[] w2, float[] b2, float[] w3,
             float[] b3, int cap) {
        this.mean = mean;
        this.std = std;
        this.hidden = hidden;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.w3 = w3;
        this.b3 = b3;
        this.cap = cap;
    }

    /** Remaining useful life in cycles after the last one in the history, between 0 and {@link #cap()}. */
    public double predict(EngineHistory engine) {
        return Math.max(0, Math.min(1, raw(RulFeatures.of(engine)))) * cap;
    }

    double raw(float[] features) {
        float[] x = new float[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (features[i] - mean[i]) / std[i];
        }
        float[] h1 = DenseLayer.apply(x, w1, b1, hidden, true);
        float[] h2 = DenseLayer.apply(h1, w2, b2, hidden, true);
        return DenseLayer.apply(h2, w3, b3, 1, false)[0];
    }

    /** Remaining lives above this many cycles are all "healthy" (the piece-wise linear target). */
    public int cap() {
        return cap;
    }

    private static final String MAGIC = "stratum-rul-model-1";

    /** Writes the network to a file (the bootstrap cache keeps the trained model across restarts). */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(MAGIC);
            out.writeInt(hidden);
            out.writeInt(cap);
            FloatArrays.write(out, mean, std, w1, b1, w2, b2, w3, b3);
        }
    }

    /** Reads a model written by {@link #save}. */
    public static RulModel load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException("Not a remaining-life model (" + magic + "): " + file);
            }
            int hidden = in.readInt();
            int cap = in.readInt();
            float[][] a = FloatArrays.read(in, 8);
            return new RulModel(a[0], a[1], hidden, a[2], a[3], a[4], a[5], a[6], a[7], cap);
        } catch (java.io.EOFException e) {
            throw new IOException("Not a remaining-life model (the file ends early): " + file, e);
        }
    }
}
