package org.colorizevideo.metrics;

/**
 * Mean structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli 2004) of two 8-bit RGB frames,
 * computed exactly as scikit-image 0.19 does with
 * <pre>
 *   structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
 *                         data_range=255, channel_axis=2)
 * </pre>
 * For each channel separately, with {@code G} a Gaussian filter (sigma 1.5, truncate 3.5, hence an
 * 11 x 11 window; scipy 'reflect' boundary, see {@link GaussianFilter}):
 * <pre>
 *   ux = G(x), uy = G(y), vx = G(x*x) - ux^2, vy = G(y*y) - uy^2, vxy = G(x*y) - ux*uy
 *   S  = (2 ux uy + C1)(2 vxy + C2) / ((ux^2 + uy^2 + C1)(vx + vy + C2))
 *   C1 = (0.01 * 255)^2, C2 = (0.03 * 255)^2
 * </pre>
 * The channel's score is the mean of {@code S} after cropping {@code pad = (11 - 1) / 2 = 5} pixels
 * from each side; the frame's score is the mean of the three channel scores. (Because the crop equals
 * the filter radius, the boundary extension never reaches the averaged pixels.)
 *
 * <p>Frames must be at least 11 x 11 (scikit-image raises an error for smaller ones; so does this
 * class). All arithmetic is in {@code double}. The class is stateless and thread-safe; each call
 * allocates two channel planes ({@code 2 * width * height} doubles) of scratch space.
 * {@link #map} gives the full per-pixel SSIM image, border included.
 */
public final class Ssim {

    public static final double SIGMA = 1.5;
    public static final double TRUNCATE = 3.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;
    public static final double DATA_RANGE = 255.0;
    public static final double C1 = (K1 * DATA_RANGE) * (K1 * DATA_RANGE);
    public static final double C2 = (K2 * DATA_RANGE) * (K2 * DATA_RANGE);

    private static final GaussianFilter FILTER = new GaussianFilter(SIGMA, TRUNCATE);
    private static final double[] KERNEL = GaussianFilter.kernel(SIGMA, TRUNCATE);

    /** Side of the Gaussian window: 11. */
    public static final int WINDOW_SIZE = FILTER.windowSize();

    private Ssim() {
    }

    /** Mean SSIM over the three channels. */
    public static double compute(RgbFrame a, RgbFrame b) {
        double[] s = perChannel(a, b);
        return (s[0] + s[1] + s[2]) / 3.0;
    }

    /** Mean SSIM over the three channels of two {@code width x height} frames. */
    public static double compute(int[] a, int[] b, int width, int height) {
        return compute(new RgbFrame(width, height, a), new RgbFrame(width, height, b));
    }

    /** SSIM of the red, green and blue channels, in that order. */
    public static double[] perChannel(RgbFrame a, RgbFrame b) {
        checkSizes(a, b);
        int w = a.width();
        int n = w * a.height();
        double[] x = new double[n];
        double[] y = new double[n];
        RowBuffers rows = new RowBuffers(w);
        double[] result = new double[3];
        for (int c = 0; c < 3; c++) {
            extractChannel(a.pixels(), c, x);
            extractChannel(b.pixels(), c, y);
            result[c] = croppedMean(x, y, w, a.height(), rows);
        }
        return result;
    }

    /**
     * The full SSIM maps of the red, green and blue channels ({@code [3][width * height]},
     * row-major), including the border that {@link #compute} crops away; there the filter's
     * 'reflect' boundary matters. Equals scikit-image's {@code full=True} image {@code S}. Slower
     * than {@link #compute}; meant for display.
     */
    public static double[][] map(RgbFrame a, RgbFrame b) {
        checkSizes(a, b);
        int w = a.width();
        int h = a.height();
        int n = w * h;
        double[] ux = new double[n];
        double[] uy = new double[n];
        double[] uxx = new double[n];
        double[] uyy = new double[n];
        double[] uxy = new double[n];
        double[] tmp = new double[n];
        double[][] maps = new double[3][n];
        for (int c = 0; c < 3; c++) {
            extractChannel(a.pixels(), c, ux);
            extractChannel(b.pixels(), c, uy);
            for (int i = 0; i < n; i++) {
                uxx[i] = ux[i] * ux[i];
                uyy[i] = uy[i] * uy[i];
                uxy[i] = ux[i] * uy[i];
            }
            FILTER.apply(ux, w, h, tmp);
            FILTER.apply(uy, w, h, tmp);
            FILTER.apply(uxx, w, h, tmp);
            FILTER.apply(uyy, w, h, tmp);
            FILTER.apply(uxy, w, h, tmp);
            for (int i = 0; i < n; i++) {
                maps[c][i] = ssim(ux[i], uy[i], uxx[i], uyy[i], uxy[i]);
            }
        }
        return maps;
    }

    /** SSIM of one pixel from its Gaussian-weighted moments E[x], E[y], E[x^2], E[y^2], E[xy]. */
    private static double ssim(double mx, double my, double exx, double eyy, double exy) {
        double vx = exx - mx * mx;
        double vy = eyy - my * my;
        double vxy = exy - mx * my;
        return (2 * mx * my + C1) * (2 * vxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
    }

    private static void checkSizes(RgbFrame a, RgbFrame b) {
        RgbFrame.requireSameSize(a, b);
        if (a.width() < WINDOW_SIZE || a.height() < WINDOW_SIZE) {
            throw new IllegalArgumentException("SSIM needs frames of at least " + WINDOW_SIZE + "x"
                + WINDOW_SIZE + ", got " + a.width() + "x" + a.height());
        }
    }

    private static void extractChannel(int[] pixels, int c, double[] out) {
        int shift = 16 - 8 * c;
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (pixels[i] >> shift) & 0xff;
        }
    }

    /** Scratch rows for {@link #croppedMean}: vertical sums (width w) and their filtered centres. */
    private static final class RowBuffers {
        final double[][] vertical;
        final double[][] both;

        RowBuffers(int w) {
            vertical = new double[5][w];
            both = new double[5][w - (WINDOW_SIZE - 1)];
        }
    }

    /**
     * Mean of the SSIM map over the pixels at least {@code pad = r} away from every border.
     *
     * <p>Only those pixels are computed, one output row at a time: first the five moments are
     * summed vertically over the 11 source rows (full width), then horizontally (interior columns
     * only). Every tap then lies inside the frame, so no boundary extension is needed. Both passes
     * pair the taps at {@code +j} and {@code -j} (the kernel is symmetric) and run tap-outer over
     * contiguous rows so that the JIT can vectorise them.
     */
    private static double croppedMean(double[] x, double[] y, int w, int h, RowBuffers rows) {
        double[] k = KERNEL;
        int r = k.length / 2;
        int outW = w - 2 * r;
        double[] vx = rows.vertical[0];
        double[] vy = rows.vertical[1];
        double[] vxx = rows.vertical[2];
        double[] vyy = rows.vertical[3];
        double[] vxy = rows.vertical[4];
        double sum = 0;
        for (int yo = r; yo < h - r; yo++) {
            int centre = yo * w;
            double kc = k[r];
            for (int i = 0; i < w; i++) {
                double xv = x[centre + i];
                double yv = y[centre + i];
                double kx = kc * xv;
                double ky = kc * yv;
                vx[i] = kx;
                vy[i] = ky;
                vxx[i] = kx * xv;
                vyy[i] = ky * yv;
                vxy[i] = kx * yv;
            }
            for (int j = 1; j <= r; j++) {
                double kj = k[r + j];
                int up = (yo - j) * w;
                int down = (yo + j) * w;
                for (int i = 0; i < w; i++) {
                    double x1 = x[up + i];
                    double x2 = x[down + i];
                    double y1 = y[up + i];
                    double y2 = y[down + i];
                    vx[i] += kj * (x1 + x2);
                    vy[i] += kj * (y1 + y2);
                    vxx[i] += kj * (x1 * x1 + x2 * x2);
                    vyy[i] += kj * (y1 * y1 + y2 * y2);
                    vxy[i] += kj * (x1 * y1 + x2 * y2);
                }
            }
            for (int q = 0; q < 5; q++) {
                horizontal(rows.vertical[q], rows.both[q], outW, k);
            }
            double[] mx = rows.both[0];
            double[] my = rows.both[1];
            double[] exx = rows.both[2];
            double[] eyy = rows.both[3];
            double[] exy = rows.both[4];
            double rowSum = 0;
            for (int i = 0; i < outW; i++) {
                rowSum += ssim(mx[i], my[i], exx[i], eyy[i], exy[i]);
            }
            sum += rowSum;
        }
        return sum / ((double) outW * (h - 2 * r));
    }

    /** {@code out[i] = sum_j k[j] * in[i + j]} for the interior, using the kernel's symmetry. */
    private static void horizontal(double[] in, double[] out, int outW, double[] k) {
        int r = k.length / 2;
        double kc = k[r];
        for (int i = 0; i < outW; i++) {
            out[i] = kc * in[i + r];
        }
        for (int j = 1; j <= r; j++) {
            double kj = k[r + j];
            int lo = r - j;
            int hi = r + j;
            for (int i = 0; i < outW; i++) {
                out[i] += kj * (in[i + lo] + in[i + hi]);
            }
        }
    }
}
