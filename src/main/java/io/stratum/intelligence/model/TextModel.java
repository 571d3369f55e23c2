package io.stratum.intelligence.model;

import io.stratum.intelligence.text.HashedNgrams;
import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.SparseVector;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained classifier head (weights learnt with DJL, see {@link HeadTrainer}) plus its feature extractor.
 * The forward pass is a sparse dot product and a 384×C product: done on plain arrays, it takes microseconds,
 * needs no native call and is thread-safe; the expensive part, the sentence embedding, runs in DJL.
 */
public final class TextModel {

    private static final String MAGIC = "stratum-text-model-4";
    /** Models saved before they recorded their sentence encoder: read as {@link EncoderModel#LEGACY}'s. */
    private static final String MAGIC_3 = "stratum-text-model-3";
    /** Models saved before the cascade existed: read as COMBINED without a cascade. */
    private static final String MAGIC_2 = "stratum-text-model-2";
    /** A cascade threshold above any probability: every input takes the full model. */
    public static final double NO_CASCADE = 2.0;

    private final FeatureSet features;
    private final List<String> labels;
    private final HashedNgrams ngrams;   // null when EMBEDDING only
    private final float[] sparseW;       // [buckets * C]
    private final int hidden;
    private final float[] denseW1;       // [D * H] or [D * C] when hidden == 0
    private final float[] denseB1;       // [H]
    private final float[] denseW2;       // [H * C]
    private final float[] bias;          // [C]
    private final float[] sparseBias;    // [C], COMBINED only: the n-gram expert's own bias
    private final double hashedWeight;   // COMBINED only
    private final double temperature;
    private final double cascadeThreshold;  // COMBINED only: n-gram expert's confidence that skips the encoder
    private final double hashedTemperature; // COMBINED only: calibrates the n-gram expert on its own
    private final NeighbourVote neighbours; // COMBINED only, null when neighbourWeight is 0
    private final double neighbourWeight;
    private final EncoderModel encoder;     // whose embeddings the dense parts learnt from; null when unused

    TextModel(FeatureSet features, List<String> labels, HashedNgrams ngrams, float[] sparseW, int hidden,
              float[] denseW1, float[] denseB1, float[] denseW2, float[] bias, float[] sparseBias,
              double hashedWeight, double temperature, double cascadeThreshold, double hashedTemperature,
              NeighbourVote neighbours, double neighbourWeight, EncoderModel encoder) {
        this.encoder = features.usesEmbedding() ? encoder : null;
        this.neighbours = neighbours;
        this.neighbourWeight = neighbours == null ? 0 : neighbourWeight;
        this.cascadeThreshold = cascadeThreshold;
        this.hashedTemperature = hashedTemperature;
        this.sparseBias = sparseBias;
        this.hashedWeight = hashedWeight;
        this.features = features;
        this.labels = List.copyOf(labels);
        this.ngrams = ngrams;
        this.sparseW = sparseW;
        this.hidden = hidden;
        this.denseW1 = denseW1;
        this.denseB1 = denseB1;
        this.denseW2 = denseW2;
        this.bias = bias;
        this.temperature = temperature;
    }

    public FeatureSet features() {
        return features;
    }

    public List<String> labels() {
        return labels;
    }

    public double temperature() {
        return temperature;
    }

    public boolean needsEmbedding() {
        return features.usesEmbedding();
    }

    /**
     * The sentence encoder this model's embeddings must come from (null when it uses none, or when it was trained
     * from embeddings of unknown origin: then it cannot be saved).
     */
    public EncoderModel encoder() {
        return encoder;
    }

    /** The same weights, recorded as learnt from {@code encoder}'s embeddings. */
    public TextModel withEncoder(EncoderModel encoder) {
        return new TextModel(features, labels, ngrams, sparseW, hidden, denseW1, denseB1, denseW2, bias, sparseBias,
                hashedWeight, temperature, cascadeThreshold, hashedTemperature, neighbours, neighbourWeight, encoder);
    }

    /** Whether sure n-gram answers skip the sentence encoder (COMBINED with a threshold of at most 1). */
    public boolean cascades() {
        return features == FeatureSet.COMBINED && cascadeThreshold <= 1.0;
    }

    public double cascadeThreshold() {
        return cascadeThreshold;
    }

    public double hashedTemperature() {
        return hashedTemperature;
    }

    /** The same weights with another cascade threshold (e.g. {@link #NO_CASCADE}, to compare with the full model). */
    public TextModel withCascadeThreshold(double threshold) {
        return new TextModel(features, labels, ngrams, sparseW, hidden, denseW1, denseB1, denseW2, bias, sparseBias,
                hashedWeight, temperature, threshold, hashedTemperature, neighbours, neighbourWeight, encoder);
    }

    /**
     * The cascade's first stage: the answer without a sentence embedding, when the model can give one it trusts.
     * HASHED models always can; COMBINED models when their n-gram expert alone (calibrated by its own temperature)
     * is at least {@link #cascadeThreshold()} sure; otherwise null and the caller embeds the text. The encoder is
     * about a hundred times the cost of the n-gram expert, and most inquiries are plainly worded.
     */
    public double[] probabilitiesWithoutEmbedding(SparseVector sparse) {
        if (features == FeatureSet.HASHED) {
            return probabilities(sparse, null);
        }
        if (!cascades()) {
            return null;
        }
        double[] p = hashedProbabilities(sparse);
        return p[HeadTrainer.argmax(p)] >= cascadeThreshold ? p : null;
    }

    /** COMBINED only: the n-gram expert's own calibrated probabilities. */
    double[] hashedProbabilities(SparseVector sparse) {
        return softmax(raw(sparseBias, sparse, null), hashedTemperature);
    }

    /** COMBINED only: the n-gram expert's uncalibrated logits (for fitting its temperature). */
    double[] hashedLogits(SparseVector sparse) {
        return raw(sparseBias, sparse, null);
    }

    public SparseVector sparse(String text) {
        return ngrams == null ? null : ngrams.transform(text);
    }

    /** Calibrated class probabilities (softmax of logits / temperature). */
    public double[] probabilities(SparseVector sparse, float[] embedding) {
        return softmax(logits(sparse, embedding), temperature);
    }

    /**
     * COMBINED is a product of experts, each a softmax trained on its own features, plus (optionally) a
     * nearest-neighbour vote over the training embeddings: the weighted sum of their log-probabilities (measured
     * better on BANKING77 than one joint head, whose n-gram weights fit the training set before the embedding
     * weights have learnt).
     */
    double[] logits(SparseVector sparse, float[] embedding) {
        if (features == FeatureSet.COMBINED) {
            if (embedding == null) {
                throw new IllegalArgumentException("this model needs a sentence embedding");
            }
            double[] s = expert(sparseBias, sparse, null);
            double[] d = expert(bias, null, embedding);
            double[] n = neighbours == null ? null : neighbours.logProbabilities(embedding, s.length);
            double[] out = new double[s.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = hashedWeight * s[k] + (1 - hashedWeight - neighbourWeight) * d[k]
                        + (n == null ? 0 : neighbourWeight * n[k]);
            }
            return out;
        }
        return raw(bias, sparse, embedding);
    }

    /** COMBINED only, for study: each expert's log-probabilities (n-gram, embedding head, neighbour vote or null). */
    public double[][] expertLogProbabilities(SparseVector sparse, float[] embedding) {
        return new double[][] {expert(sparseBias, sparse, null), expert(bias, null, embedding),
                neighbours == null ? null : neighbours.logProbabilities(embedding, labels.size())};
    }

    public double hashedWeight() {
        return hashedWeight;
    }

    public double neighbourWeight() {
        return neighbourWeight;
    }

    private double[] expert(float[] b, SparseVector sparse, float[] embedding) {
        double[] l = raw(b, sparse, embedding);
        double[] p = softmax(l, 1.0);
        for (int k = 0; k < l.length; k++) {
            l[k] = Math.log(Math.max(p[k], 1e-12));
        }
        return l;
    }

    private double[] raw(float[] bias, SparseVector sparse, float[] embedding) {
        int c = labels.size();
        double[] out = new double[c];
        for (int k = 0; k < c; k++) {
            out[k] = bias[k];
        }
        if (sparse != null && features.usesHashed()) {
            addSparse(out, sparse);
        }
        if (features.usesEmbedding() && (embedding != null || features == FeatureSet.EMBEDDING)) {
            if (embedding == null) {
                throw new IllegalArgumentException("this model needs a sentence embedding");
            }
            addDense(out, embedding);
        }
        return out;
    }

    private void addSparse(double[] out, SparseVector sparse) {
        int c = out.length;
        int[] idx = sparse.indices();
        float[] val = sparse.values();
        for (int i = 0; i < idx.length; i++) {
            int base = idx[i] * c;
            for (int k = 0; k < c; k++) {
                out[k] += val[i] * sparseW[base + k];
            }
        }
    }

    private void addDense(double[] out, float[] e) {
        int c = out.length;
        int d = e.length;
        if (hidden == 0) {
            for (int j = 0; j < d; j++) {
                int base = j * c;
                for (int k = 0; k < c; k++) {
                    out[k] += e[j] * denseW1[base + k];
                }
            }
            return;
        }
        double[] h = new double[hidden];
        for (int u = 0; u < hidden; u++) {
            h[u] = denseB1[u];
        }
        for (int j = 0; j < d; j++) {
            int base = j * hidden;
            for (int u = 0; u < hidden; u++) {
                h[u] += e[j] * denseW1[base + u];
            }
        }
        for (int u = 0; u < hidden; u++) {
            if (h[u] <= 0) {
                continue;
            }
            int base = u * c;
            for (int k = 0; k < c; k++) {
                out[k] += h[u] * denseW2[base + k];
            }
        }
    }

    static double[] softmax(double[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * Short, human-readable reason for a label: the word n-grams that pushed hardest towards it and how much of
     * the decision came from the sentence embedding.
     */
    public String explain(String text, SparseVector sparse, float[] embedding, int label) {
        if (features == FeatureSet.COMBINED && embedding == null) {
            String words = wordEvidence(text, sparse, label);
            return (words.isEmpty() ? "n-gram model" : words)
                    + "; decided by the n-gram model alone (sure enough without the sentence embedding)";
        }
        StringBuilder sb = new StringBuilder();
        double sparsePart = 0;
        double densePart = 0;
        if (features.usesHashed()) {
            double[] s = features == FeatureSet.COMBINED ? expert(sparseBias, sparse, null) : raw(bias, sparse, null);
            sparsePart = (features == FeatureSet.COMBINED ? hashedWeight : 1) * (s[label] - mean(s));
            sb.append(wordEvidence(text, sparse, label));
        }
        if (features.usesEmbedding() && embedding != null) {
            double[] dsc = features == FeatureSet.COMBINED ? expert(bias, null, embedding) : raw(bias, null, embedding);
            densePart = (features == FeatureSet.COMBINED ? 1 - hashedWeight - neighbourWeight : 1)
                    * (dsc[label] - mean(dsc));
            if (features == FeatureSet.COMBINED && neighbours != null) {
                double[] nv = neighbours.logProbabilities(embedding, labels.size());
                densePart += neighbourWeight * (nv[label] - mean(nv));
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("sentence meaning (").append(encoder == null ? "sentence encoder" : encoder.id()).append(')');
        }
        if (features == FeatureSet.COMBINED) {
            double total = Math.abs(sparsePart) + Math.abs(densePart);
            if (total > 0) {
                sb.append(String.format(java.util.Locale.ROOT, "; %d%% of the evidence from the embedding",
                        Math.round(100 * Math.abs(densePart) / total)));
            }
        }
        return sb.length() == 0 ? "prior only (no known words)" : sb.toString();
    }

    /** The (up to three) word n-grams that pushed hardest towards the label, quoted; empty if none did. */
    private String wordEvidence(String text, SparseVector sparse, int label) {
        int c = labels.size();
        List<Map.Entry<String, Double>> terms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] idx = sparse.indices();
        for (Map.Entry<String, Integer> g : ngrams.wordNgrams(text)) {
            if (!seen.add(g.getKey())) {
                continue;
            }
            int pos = java.util.Arrays.binarySearch(idx, g.getValue());
            if (pos < 0) {
                continue;
            }
            double w = 0;
            for (int k = 0; k < c; k++) {
                w -= sparseW[g.getValue() * c + k] / c;
            }
            w += sparseW[g.getValue() * c + label];
            terms.add(Map.entry(g.getKey(), w * sparse.values()[pos]));
        }
        terms.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        List<String> top = terms.stream().filter(t -> t.getValue() > 0).limit(3)
                .map(t -> "'" + t.getKey() + "'").toList();
        return top.isEmpty() ? "" : "words " + String.join(", ", top);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    // ---- persistence: labels.txt (one per line) + weights.bin (little-endian float arrays) ----

    public void save(Path dir) throws IOException {
        if (needsEmbedding() && encoder == null) {
            throw new IllegalStateException("A model that uses sentence embeddings must record their encoder before "
                    + "it is saved (TextModel.withEncoder)");
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("labels.txt"), labels, StandardCharsets.UTF_8);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(dir.resolve("weights.bin")), 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeUTF(features.name());
            out.writeInt(labels.size());
            out.writeInt(ngrams == null ? 0 : ngrams.bits());
            out.writeInt(hidden);
            out.writeDouble(temperature);
            out.writeDouble(hashedWeight);
            out.writeDouble(cascadeThreshold);
            out.writeDouble(hashedTemperature);
            out.writeDouble(neighbourWeight);
            out.writeUTF(encoder == null ? "" : encoder.id());
            writeFloats(out, ngrams == null ? null : ngrams.idf());
            writeFloats(out, sparseW);
            writeFloats(out, denseW1);
            writeFloats(out, denseB1);
            writeFloats(out, denseW2);
            writeFloats(out, bias);
            writeFloats(out, sparseBias);
            writeFloats(out, neighbours == null ? null : neighbours.vectors());
            int[] nl = neighbours == null ? new int[0] : neighbours.labels();
            out.writeInt(nl.length);
            for (int l : nl) {
                out.writeInt(l);
            }
        }
    }

    public static TextModel load(Path dir) throws IOException {
        List<String> labels = Files.readAllLines(dir.resolve("labels.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve("weights.bin")), 1 << 16))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic) && !MAGIC_3.equals(magic) && !MAGIC_2.equals(magic)) {
                throw new IOException("not a Stratum text model: " + dir);
            }
            FeatureSet features = FeatureSet.valueOf(in.readUTF());
            int classes = in.readInt();
            if (classes != labels.size()) {
                throw new IOException("labels.txt has " + labels.size() + " labels, weights have " + classes);
            }
            int bits = in.readInt();
            int hidden = in.readInt();
            double temperature = in.readDouble();
            double hashedWeight = in.readDouble();
            boolean v3 = !MAGIC_2.equals(magic);
            double cascadeThreshold = v3 ? in.readDouble() : NO_CASCADE;
            double hashedTemperature = v3 ? in.readDouble() : 1.0;
            double neighbourWeight = v3 ? in.readDouble() : 0;
            EncoderModel encoder = EncoderModel.LEGACY;
            if (MAGIC.equals(magic)) {
                String id = in.readUTF();
                try {
                    encoder = id.isEmpty() ? null : EncoderModel.byId(id);
                } catch (IllegalArgumentException e) {
                    throw new IOException(dir + ": " + e.getMessage(), e);
                }
            }
            float[] idf = readFloats(in);
            HashedNgrams ngrams = idf == null ? null : HashedNgrams.of(bits, idf);
            float[] sparseW = readFloats(in);
            float[] w1 = readFloats(in);
            float[] b1 = readFloats(in);
            float[] w2 = readFloats(in);
            float[] bias = readFloats(in);
            float[] sparseBias = readFloats(in);
            NeighbourVote neighbours = null;
            if (v3) {
                float[] vectors = readFloats(in);
                int[] nl = new int[in.readInt()];
                for (int i = 0; i < nl.length; i++) {
                    nl[i] = in.readInt();
                }
                neighbours = vectors == null ? null : new NeighbourVote(vectors, nl);
            }
            return new TextModel(features, labels, ngrams, sparseW, hidden, w1, b1, w2, bias, sparseBias, hashedWeight,
                    temperature, cascadeThreshold, hashedTemperature, neighbours, neighbourWeight, encoder);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        out.write(buf.array());
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n * 4];
        in.readFully(bytes);
        float[] v = new float[n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
