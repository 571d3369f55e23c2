package io.stratum.intelligence.text;

/** A sparse feature vector: sorted distinct bucket indices and their values. */
public record SparseVector(int[] indices, float[] values) {

    public int size() {
        return indices.length;
    }

    public double dot(SparseVector other) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < indices.length && j < other.indices.length) {
            if (indices[i] == other.indices[j]) {
                sum += values[i++] * other.values[j++];
            } else if (indices[i] < other.indices[j]) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }
}
