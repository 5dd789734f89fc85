package org.colorizevideo.hints;

/**
 * Spreads what the user's hints say beyond where the network took them: at every hinted pixel the
 * difference between the hint's a*b* and the network's, carried over the frame along its edges by
 * normalized convolution with the domain transform's recursive filter (Gastal and Oliveira, "Domain
 * Transform for Edge-Aware Image and Video Processing", SIGGRAPH 2011, sections 4-5, and their
 * colorization example), guided by the frame's L*. The network alone moves the colour mostly where the
 * hint lies; a region the user marked once then takes the colour up to its edges. With {@code reach} > 0
 * the correction fades to zero far from every hint (in the transform's edge-aware distance), so the
 * network's own colours stay where no hint speaks; with the default 0 it never fades.
 *
 * <p>Works on the model's input grid (the L* the network saw and the hints as painted there): per
 * position the correction is {@code F(m d) / (F(m) + reach)}, F the filter, m the hints' weights (each
 * hint's pixels weighted so that every hint weighs the same), d the difference; {@code reach} is the
 * filtered weight below which the correction fades (0: it never fades, every pixel takes its nearest
 * hints' difference).
 *
 * @param sigmaSpace the filter's spatial standard deviation, as a fraction of the grid's longer side
 * @param sigmaRange its range standard deviation, in L* units (0..100)
 * @param reach how far the correction reaches (smaller: farther), in units of the filtered mask
 */
public record HintSpreading(double sigmaSpace, double sigmaRange, double reach) {

    /** Iterations of the recursive filter (the paper: 3 are enough). */
    static final int ITERATIONS = 3;

    /** Short side of the grid the hints are spread on when no network gives one (our models' input size). */
    public static final int GRID_SHORT_SIDE = 224;

    /**
     * Chosen on six clips of {@code video/extra} that neither our networks nor the DAVIS evaluation use
     * (BENCHMARKS.md, "Colour hints"): the correction never fades (reach 0), the spatial sigma is 0.3 of
     * the longer side, edges of about 30 L* units stop it.
     */
    public static HintSpreading defaults() {
        return new HintSpreading(0.3, 30, 0);
    }

    public HintSpreading {
        if (!(sigmaSpace > 0) || !(sigmaRange > 0) || !(reach >= 0)) {
            throw new IllegalArgumentException("hint spreading needs sigmaSpace > 0, sigmaRange > 0, reach >= 0; got "
                    + sigmaSpace + ", " + sigmaRange + ", " + reach);
        }
    }

    /**
     * The correction of a*b* on a w x h grid: {a, b} planes to add to the network's a*b*.
     *
     * @param l L* of the frame on the grid
     * @param hintAb the hints' a*b* as painted (a plane then b plane), see {@link HintRaster}
     * @param weight where a hint is, the weight of its difference (e.g. {@link HintRaster.Planes#weight()}: each
     *     hint the same total weight), else 0
     * @param a the network's a* on the grid
     * @param b the network's b* on the grid
     */
    public float[][] correction(float[] l, float[] hintAb, float[] weight, float[] a, float[] b, int w, int h) {
        int n = w * h;
        float[] da = new float[n], db = new float[n], m = weight.clone();
        for (int p = 0; p < n; p++) {
            da[p] = m[p] * (hintAb[p] - a[p]);
            db[p] = m[p] * (hintAb[n + p] - b[p]);
        }
        float[] dx = new float[n], dy = new float[n];
        double sigmaS = sigmaSpace * Math.max(w, h);
        double ratio = sigmaS / sigmaRange;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                dx[p] = x + 1 < w ? (float) (1 + ratio * Math.abs(l[p + 1] - l[p])) : 1f;
                dy[p] = y + 1 < h ? (float) (1 + ratio * Math.abs(l[p + w] - l[p])) : 1f;
            }
        }
        for (int i = 0; i < ITERATIONS; i++) {
            double sigmaH = sigmaS * Math.sqrt(3) * Math.pow(2, ITERATIONS - (i + 1)) / Math.sqrt(Math.pow(4, ITERATIONS) - 1);
            double decay = Math.exp(-Math.sqrt(2) / sigmaH);
            float[] vx = powers(decay, dx), vy = powers(decay, dy);
            for (float[] plane : new float[][] {da, db, m}) {
                rows(plane, vx, w, h);
                columns(plane, vy, w, h);
            }
        }
        float[] ca = new float[n], cb = new float[n];
        for (int p = 0; p < n; p++) {
            double denominator = m[p] + reach;
            if (denominator > 0) {
                ca[p] = (float) (da[p] / denominator);
                cb[p] = (float) (db[p] / denominator);
            }
        }
        return new float[][] {ca, cb};
    }

    /**
     * Without a network: the frame's a*b* from the hints alone (a*b* = 0, gray, plus the spread hint
     * colours), on a grid of short side {@value #GRID_SHORT_SIDE}, returned at the frame's size as {a, b}.
     */
    public float[][] alone(float[] l, int width, int height, java.util.List<ColourHint> hints, int clickSize) {
        int[] grid = grid(width, height);
        return alone(l, width, height, HintRaster.paint(hints, width, height, grid[0], grid[1], clickSize));
    }

    /** As {@link #alone(float[], int, int, java.util.List, int)} with the hints already painted on {@link #grid}. */
    public float[][] alone(float[] l, int width, int height, HintRaster.Planes planes) {
        int[] grid = grid(width, height);
        int gw = grid[0], gh = grid[1];
        float[] gl = new float[gw * gh];
        new org.colorizevideo.color.Resampler(width, height, gw, gh).resample(l, gl);
        float[][] c = correction(gl, planes.ab(), planes.weight(), new float[gw * gh], new float[gw * gh], gw, gh);
        org.colorizevideo.color.Resampler up = new org.colorizevideo.color.Resampler(gw, gh, width, height);
        float[] a = new float[width * height], b = new float[width * height];
        up.resample(c[0], a);
        up.resample(c[1], b);
        return new float[][] {a, b};
    }

    /** Width and height of the grid {@link #alone} works on for a frame: short side {@value #GRID_SHORT_SIDE}, never larger than the frame. */
    public static int[] grid(int width, int height) {
        double scale = Math.min(1, GRID_SHORT_SIDE / (double) Math.min(width, height));
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    /** a^d per position: the feedback coefficient of the recursive filter over the transformed distance d. */
    private static float[] powers(double a, float[] d) {
        float[] v = new float[d.length];
        double log = Math.log(a);
        for (int p = 0; p < d.length; p++) {
            v[p] = (float) Math.exp(log * d[p]);
        }
        return v;
    }

    /** The recursive filter along each row, left to right and back; v[p] links p and p + 1. */
    private static void rows(float[] f, float[] v, int w, int h) {
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 1; x < w; x++) {
                int p = row + x;
                f[p] += v[p - 1] * (f[p - 1] - f[p]);
            }
            for (int x = w - 2; x >= 0; x--) {
                int p = row + x;
                f[p] += v[p] * (f[p + 1] - f[p]);
            }
        }
    }

    /** The recursive filter along each column, top to bottom and back; v[p] links p and p + w. */
    private static void columns(float[] f, float[] v, int w, int h) {
        for (int y = 1; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                f[p] += v[p - w] * (f[p - w] - f[p]);
            }
        }
        for (int y = h - 2; y >= 0; y--) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                f[p] += v[p] * (f[p + w] - f[p]);
            }
        }
    }
}
