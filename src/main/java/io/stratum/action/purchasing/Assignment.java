package io.stratum.action.purchasing;

import java.util.Arrays;

/**
 * The assignment problem (Hungarian method with potentials, O(n² m)): rows to columns, each at most once, maximising
 * the summed scores. Rectangular matrices are fine; with more rows than columns some rows stay unassigned.
 */
final class Assignment {

    private Assignment() {
    }

    /** For each row, its column, or -1 when it got none. */
    static int[] maximise(double[][] score) {
        int rows = score.length;
        int cols = rows == 0 ? 0 : score[0].length;
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        if (rows == 0 || cols == 0) {
            return result;
        }
        boolean transpose = rows > cols; // the method needs rows <= columns
        int n = transpose ? cols : rows;
        int m = transpose ? rows : cols;
        double[][] cost = new double[n + 1][m + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                cost[i + 1][j + 1] = -(transpose ? score[j][i] : score[i][j]);
            }
        }
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];   // p[j]: row assigned to column j (0 = none)
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                int j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = cost[i0][j] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                if (transpose) {
                    result[j - 1] = p[j] - 1;
                } else {
                    result[p[j] - 1] = j - 1;
                }
            }
        }
        return result;
    }
}
