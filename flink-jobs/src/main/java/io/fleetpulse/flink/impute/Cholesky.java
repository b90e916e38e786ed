package io.fleetpulse.flink.impute;

/** Small dense Cholesky routines on row-major q×q arrays, for {@link BayesianRegression}. */
final class Cholesky {

    private static final double JITTER = 1e-9;

    private Cholesky() {}

    /**
     * Replaces the lower triangle of symmetric positive semi-definite {@code m} (only its lower
     * triangle is read) by its Cholesky factor L (m = L Lᵀ); tiny or negative pivots get a jitter
     * so nearly singular Gram matrices stay solvable.
     */
    static void factorInPlace(double[] m, int q) {
        for (int j = 0; j < q; j++) {
            double d = m[j * q + j];
            for (int k = 0; k < j; k++) {
                d -= m[j * q + k] * m[j * q + k];
            }
            d = d > JITTER ? Math.sqrt(d) : Math.sqrt(JITTER);
            m[j * q + j] = d;
            for (int i = j + 1; i < q; i++) {
                double s = m[i * q + j];
                for (int k = 0; k < j; k++) {
                    s -= m[i * q + k] * m[j * q + k];
                }
                m[i * q + j] = s / d;
            }
        }
    }

    /** Solves L Lᵀ x = b for x (b is not modified). */
    static double[] solve(double[] l, int q, double[] b) {
        double[] y = new double[q];
        for (int i = 0; i < q; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * q + k] * y[k];
            }
            y[i] = s / l[i * q + i];
        }
        double[] x = new double[q];
        for (int i = q - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < q; k++) {
                s -= l[k * q + i] * x[k];
            }
            x[i] = s / l[i * q + i];
        }
        return x;
    }

    /** |L⁻¹u|² = uᵀ (L Lᵀ)⁻¹ u, computed by forward substitution (u is overwritten). */
    static double forwardSquaredNorm(double[] l, int q, double[] u) {
        double norm = 0;
        for (int i = 0; i < q; i++) {
            double s = u[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * q + k] * u[k];
            }
            u[i] = s / l[i * q + i];
            norm += u[i] * u[i];
        }
        return norm;
    }
}
