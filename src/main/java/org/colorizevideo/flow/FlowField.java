package org.colorizevideo.flow;

/**
 * A dense optical-flow field: pixel {@code (x, y)} of the first frame moves to
 * {@code (x + u[i], y + v[i])} in the second, with {@code i = y * width + x} (row-major, x to the
 * right, y down, in pixels).
 */
public record FlowField(int width, int height, float[] u, float[] v) {

    public FlowField {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("flow size must be positive: " + width + "x" + height);
        }
        if (u.length != width * height || v.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " flow vectors for " + width + "x" + height);
        }
    }

    /** The zero flow (no motion), the baseline an estimator must beat. */
    public static FlowField zero(int width, int height) {
        return new FlowField(width, height, new float[width * height], new float[width * height]);
    }

    /**
     * Average end-point error against a ground truth: mean over pixels of the Euclidean distance
     * between the two flow vectors. Ground-truth vectors with a component above 1e9 in magnitude
     * (Middlebury's "unknown flow") are skipped.
     */
    public double endPointError(FlowField truth) {
        if (truth.width != width || truth.height != height) {
            throw new IllegalArgumentException("flow sizes differ: " + width + "x" + height + " vs "
                    + truth.width + "x" + truth.height);
        }
        double sum = 0;
        long n = 0;
        for (int i = 0; i < u.length; i++) {
            float tu = truth.u[i];
            float tv = truth.v[i];
            if (Math.abs(tu) > 1e9f || Math.abs(tv) > 1e9f || Float.isNaN(tu) || Float.isNaN(tv)) {
                continue;
            }
            double du = u[i] - tu;
            double dv = v[i] - tv;
            sum += Math.sqrt(du * du + dv * dv);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
