package io.stratum.intelligence.model;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The third expert of a COMBINED model: the k most similar training examples (cosine of MiniLM embeddings) vote
 * for their labels, each with weight exp((similarity - 1) / τ), so near-duplicates of a known inquiry count most.
 * It catches phrasings the linear heads average away (on BANKING77 it alone is as accurate as the linear embedding
 * head, and mixing it in adds about half a point). Immutable and thread-safe.
 */
final class NeighbourVote {

    static final int K = 10;
    static final double TAU = 0.05;
    /** Every label keeps a little probability, so the log of the vote is finite. */
    private static final double FLOOR = 1e-3;

    /**
     * Training embeddings by content: models trained on the same texts (support-topic and support-urgency learn from
     * the same bootstrap inquiries) share one array, so the search below is done once for both.
     */
    private static final Map<Integer, List<WeakReference<float[]>>> SHARED = new HashMap<>();
    /**
     * The last search per thread: (embedding, weak reference to the vectors, top indices, top similarities), by
     * identity. Weak: a thread that classified once must not keep a retired model's training embeddings (tens of MB)
     * reachable until it classifies again.
     */
    private static final ThreadLocal<Object[]> NEAREST = new ThreadLocal<>();

    /** The last vote per thread: a prediction asks twice for the same embedding (logits, then explanation). */
    private final ThreadLocal<Object[]> last = new ThreadLocal<>();
    private final float[] vectors; // [n * dim], unit length
    private final int[] labels;    // [n]
    private final int dim;

    NeighbourVote(float[] vectors, int[] labels) {
        if (labels.length == 0 || vectors.length % labels.length != 0) {
            throw new IllegalArgumentException(vectors.length + " floats are not " + labels.length + " vectors");
        }
        this.vectors = shared(vectors);
        this.labels = labels;
        this.dim = vectors.length / labels.length;
    }

    private static float[] shared(float[] vectors) {
        int key = Arrays.hashCode(vectors);
        synchronized (SHARED) {
            List<WeakReference<float[]>> same = SHARED.computeIfAbsent(key, k -> new ArrayList<>());
            same.removeIf(ref -> ref.get() == null);
            for (WeakReference<float[]> ref : same) {
                float[] known = ref.get();
                if (known != null && Arrays.equals(known, vectors)) {
                    return known;
                }
            }
            same.add(new WeakReference<>(vectors));
            return vectors;
        }
    }

    /** The examples {@code idx} of the training set. */
    static NeighbourVote of(float[][] embeddings, int[] y, int[] idx) {
        int dim = embeddings[0].length;
        float[] v = new float[idx.length * dim];
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(embeddings[idx[i]], 0, v, i * dim, dim);
            l[i] = y[idx[i]];
        }
        return new NeighbourVote(v, l);
    }

    float[] vectors() {
        return vectors;
    }

    int[] labels() {
        return labels;
    }

    /** Log-probabilities of the vote for one embedding (callers must not modify the result or the embedding). */
    double[] logProbabilities(float[] e, int classes) {
        Object[] memo = last.get();
        if (memo != null && memo[0] == e) {
            return (double[]) memo[1];
        }
        double[] p = vote(e, classes);
        last.set(new Object[] {e, p});
        return p;
    }

    private double[] vote(float[] e, int classes) {
        Object[] memo = NEAREST.get();
        if (memo == null || memo[0] != e || ((WeakReference<?>) memo[1]).get() != vectors) {
            memo = new Object[] {e, new WeakReference<>(vectors), null, null};
            nearest(e, memo);
            NEAREST.set(memo);
        }
        int[] top = (int[]) memo[2];
        double[] topSim = (double[]) memo[3];
        int n = labels.length;
        double[] p = new double[classes];
        Arrays.fill(p, FLOOR);
        for (int j = 0; j < Math.min(K, n); j++) {
            p[labels[top[j]]] += Math.exp((topSim[j] - 1) / TAU);
        }
        double sum = 0;
        for (double x : p) {
            sum += x;
        }
        for (int c = 0; c < classes; c++) {
            p[c] = Math.log(p[c] / sum);
        }
        return p;
    }

    /** The K most similar training examples: indices into memo[2], similarities into memo[3], best first. */
    private void nearest(float[] e, Object[] memo) {
        int[] top = new int[K];
        double[] topSim = new double[K];
        Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
        int n = labels.length;
        for (int i = 0; i < n; i++) {
            double sim = dot(e, i * dim);
            if (sim <= topSim[K - 1]) {
                continue;
            }
            int at = K - 1; // insertion into the short sorted list of the best so far
            while (at > 0 && topSim[at - 1] < sim) {
                topSim[at] = topSim[at - 1];
                top[at] = top[at - 1];
                at--;
            }
            topSim[at] = sim;
            top[at] = i;
        }
        memo[2] = top;
        memo[3] = topSim;
    }

    /** Four partial sums: lets the JIT overlap the multiply-adds of this hot loop. */
    private double dot(float[] e, int base) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < dim; d += 4) {
            s0 += e[d] * vectors[base + d];
            s1 += e[d + 1] * vectors[base + d + 1];
            s2 += e[d + 2] * vectors[base + d + 2];
            s3 += e[d + 3] * vectors[base + d + 3];
        }
        for (; d < dim; d++) {
            s0 += e[d] * vectors[base + d];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
