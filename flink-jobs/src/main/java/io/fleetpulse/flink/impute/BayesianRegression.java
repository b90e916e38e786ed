package io.fleetpulse.flink.impute;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Bayesian linear regression of one target on q predictors, kept as exponentially forgotten
 * sufficient statistics (weighted sums of z, y, zzᵀ, zy, y²). The posterior is refitted from the
 * statistics every few updates on standardised predictors with a ridge (Gaussian) prior; the
 * predictive distribution gives imputation draws and their uncertainty. Statistics of two instances
 * add exactly ({@link #merge}), so parallel replicas can be combined.
 *
 * <p>Forgetting is in event time: an observation {@code halfLife} older than another weighs half as
 * much. Weights grow as 2^(t/halfLife) and all sums are rescaled now and then, so one update costs
 * O(q²) and never touches old data.
 */
final class BayesianRegression {

    private static final double VARIANCE_FLOOR = 1e-12;

    private final int q;
    private final double ridge;

    // Sufficient statistics, weighted relative to the owner's reference time.
    private double s0;
    private double s00;
    private double sy;
    private double syy;
    private final double[] sz;
    private final double[] szy;
    private final double[] szz; // upper triangle used, row-major q×q
    private long observations;
    private long sinceRefresh;
    private double yMin = Double.POSITIVE_INFINITY;
    private double yMax = Double.NEGATIVE_INFINITY;

    // Posterior, refitted from the statistics.
    private boolean fitted;
    private double alpha;
    private double sigma2;
    private double nEff;
    private double yMean;
    private double yStd;
    private final double[] beta;
    private final double[] zMean;
    private final double[] zScaleInv;
    private final double[] chol; // lower-triangular Cholesky factor of the standardised Gram matrix
    private final double[] work;

    BayesianRegression(int q, double ridge) {
        this.q = q;
        this.ridge = ridge;
        sz = new double[q];
        szy = new double[q];
        szz = new double[q * q];
        beta = new double[q];
        zMean = new double[q];
        zScaleInv = new double[q];
        chol = new double[q * q];
        work = new double[q];
    }

    /**
     * Adds one observation (predictors z, target y) with weight w; the owner grows w with event
     * time, which is what makes older observations count less (forgetting).
     */
    void update(double[] z, double y, double w) {
        s0 += w;
        s00 += w * w;
        double wy = w * y;
        sy += wy;
        syy += wy * y;
        for (int a = 0; a < q; a++) {
            double wz = w * z[a];
            sz[a] += wz;
            szy[a] += wz * y;
            int row = a * q;
            for (int b = a; b < q; b++) {
                szz[row + b] += wz * z[b];
            }
        }
        observations++;
        sinceRefresh++;
        yMin = Math.min(yMin, y);
        yMax = Math.max(yMax, y);
    }

    /**
     * {@code v} limited to the range of targets this regression has seen: a linear model far from
     * its data extrapolates wildly (early on, with few rows per predictor), and an imputation
     * outside everything ever observed is implausible anyway.
     */
    double clampToSeen(double v) {
        return v < yMin ? yMin : v > yMax ? yMax : v;
    }

    /**
     * Multiplies every statistic by f (f² for the squared weights), when the owner rebases time.
     */
    void rescale(double f) {
        s0 *= f;
        s00 *= f * f;
        sy *= f;
        syy *= f;
        for (int a = 0; a < q; a++) {
            sz[a] *= f;
            szy[a] *= f;
        }
        for (int i = 0; i < szz.length; i++) {
            szz[i] *= f;
        }
    }

    /** Number of observations ever added (unweighted). */
    long observations() {
        return observations;
    }

    /** Refits the posterior if it is stale (more than {@code refreshEvery} updates old). */
    void refreshIfStale(int refreshEvery) {
        if (observations > 0 && (!fitted || sinceRefresh >= refreshEvery)) {
            refresh();
        }
    }

    /** Refits the posterior from the statistics. */
    void refresh() {
        sinceRefresh = 0;
        if (s0 <= 0) {
            return;
        }
        double n = s0;
        yMean = sy / n;
        double cyy = Math.max(syy / n - yMean * yMean, 0);
        yStd = Math.sqrt(cyy);
        for (int a = 0; a < q; a++) {
            zMean[a] = sz[a] / n;
        }
        for (int a = 0; a < q; a++) {
            double var = szz[a * q + a] / n - zMean[a] * zMean[a];
            double floor = VARIANCE_FLOOR * (1 + zMean[a] * zMean[a]);
            zScaleInv[a] = var > floor ? 1 / Math.sqrt(var) : 0;
        }
        double[] r = work;
        for (int a = 0; a < q; a++) {
            r[a] = (szy[a] / n - zMean[a] * yMean) * zScaleInv[a];
            for (int b = 0; b <= a; b++) {
                double cov = szz[b * q + a] / n - zMean[a] * zMean[b];
                chol[a * q + b] = cov * zScaleInv[a] * zScaleInv[b];
            }
            chol[a * q + a] = zScaleInv[a] == 0 ? 1 : chol[a * q + a] + ridge;
        }
        Cholesky.factorInPlace(chol, q);
        double[] gamma = Cholesky.solve(chol, q, r);
        double explained = 0;
        double gammaSq = 0;
        alpha = yMean;
        for (int a = 0; a < q; a++) {
            explained += gamma[a] * r[a];
            gammaSq += gamma[a] * gamma[a];
            beta[a] = gamma[a] * zScaleInv[a];
            alpha -= beta[a] * zMean[a];
        }
        nEff = s0 * s0 / s00;
        double resid = cyy - explained - ridge * gammaSq;
        resid = Math.max(resid, VARIANCE_FLOOR * (1 + cyy));
        double dof = Math.max(nEff - q - 1, 1);
        sigma2 = resid * nEff / dof;
        fitted = true;
    }

    boolean fitted() {
        return fitted;
    }

    /** Posterior mean of y given z. */
    double predictMean(double[] z) {
        double m = alpha;
        for (int a = 0; a < q; a++) {
            m += beta[a] * z[a];
        }
        return m;
    }

    /** Posterior predictive variance of y given z (noise plus coefficient uncertainty). */
    double predictVariance(double[] z) {
        double[] u = work;
        for (int a = 0; a < q; a++) {
            u[a] = (z[a] - zMean[a]) * zScaleInv[a];
        }
        double leverage = Cholesky.forwardSquaredNorm(chol, q, u);
        return sigma2 * (1 + (1 + leverage) / nEff);
    }

    /** Weighted running mean of the target (its cold-start fallback). */
    double targetMean() {
        return s0 > 0 ? sy / s0 : Double.NaN;
    }

    /** Weighted running standard deviation of the target. */
    double targetStd() {
        if (s0 <= 0) {
            return Double.NaN;
        }
        double m = sy / s0;
        return Math.sqrt(Math.max(syy / s0 - m * m, 0));
    }

    /** Residual standard deviation of the fitted model (NaN before the first fit). */
    double residualStd() {
        return fitted ? Math.sqrt(sigma2) : Double.NaN;
    }

    /**
     * Adds another regression's statistics (same predictors) to this one, its weights multiplied by
     * f to bring them to this one's reference time.
     */
    void merge(BayesianRegression other, double f) {
        if (other.q != q) {
            throw new IllegalArgumentException(
                    "cannot merge regressions of " + other.q + " and " + q + " predictors");
        }
        if (other.s0 == 0) {
            return;
        }
        s0 += f * other.s0;
        s00 += f * f * other.s00;
        sy += f * other.sy;
        syy += f * other.syy;
        for (int a = 0; a < q; a++) {
            sz[a] += f * other.sz[a];
            szy[a] += f * other.szy[a];
        }
        for (int i = 0; i < szz.length; i++) {
            szz[i] += f * other.szz[i];
        }
        observations += other.observations;
        yMin = Math.min(yMin, other.yMin);
        yMax = Math.max(yMax, other.yMax);
        fitted = false;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(q);
        out.writeLong(observations);
        out.writeDouble(yMin);
        out.writeDouble(yMax);
        out.writeDouble(s0);
        out.writeDouble(s00);
        out.writeDouble(sy);
        out.writeDouble(syy);
        for (double v : sz) {
            out.writeDouble(v);
        }
        for (double v : szy) {
            out.writeDouble(v);
        }
        for (int a = 0; a < q; a++) {
            for (int b = a; b < q; b++) {
                out.writeDouble(szz[a * q + b]);
            }
        }
    }

    void read(DataInput in) throws IOException {
        int stored = in.readInt();
        if (stored != q) {
            throw new IOException("stored regression has " + stored + " predictors, expected " + q);
        }
        observations = in.readLong();
        yMin = in.readDouble();
        yMax = in.readDouble();
        s0 = in.readDouble();
        s00 = in.readDouble();
        sy = in.readDouble();
        syy = in.readDouble();
        for (int a = 0; a < q; a++) {
            sz[a] = in.readDouble();
        }
        for (int a = 0; a < q; a++) {
            szy[a] = in.readDouble();
        }
        for (int a = 0; a < q; a++) {
            for (int b = a; b < q; b++) {
                szz[a * q + b] = in.readDouble();
            }
        }
        fitted = false;
        sinceRefresh = 0;
    }
}
