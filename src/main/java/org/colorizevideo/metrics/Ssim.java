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
 * allocates about {@code 6 * width * height} doubles of scratch space.
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
        RgbFrame.requireSameSize(a, b);
        int w = a.width();
        int h = a.height();
        if (w < WINDOW_SIZE || h < WINDOW_SIZE) {
            throw new IllegalArgumentException("SSIM needs frames of at least " + WINDOW_SIZE + "x"
                + WINDOW_SIZE + ", got " + w + "x" + h);
        }
        int n = w * h;
        double[] ux = new double[n];
        double[] uy = new double[n];
        double[] uxx = new double[n];
        double[] uyy = new double[n];
        double[] uxy = new double[n];
        double[] tmp = new double[n];
        double[] result = new double[3];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            int[] pa = a.pixels();
            int[] pb = b.pixels();
            for (int i = 0; i < n; i++) {
                double x = (pa[i] >> shift) & 0xff;
                double y = (pb[i] >> shift) & 0xff;
                ux[i] = x;
                uy[i] = y;
                uxx[i] = x * x;
                uyy[i] = y * y;
                uxy[i] = x * y;
            }
            FILTER.apply(ux, w, h, tmp);
            FILTER.apply(uy, w, h, tmp);
            FILTER.apply(uxx, w, h, tmp);
            FILTER.apply(uyy, w, h, tmp);
            FILTER.apply(uxy, w, h, tmp);
            result[c] = croppedMean(ux, uy, uxx, uyy, uxy, w, h);
        }
        return result;
    }

    /** Mean of the SSIM map over the pixels at least {@code pad} away from every border. */
    private static double croppedMean(double[] ux, double[] uy, double[] uxx, double[] uyy,
                                      double[] uxy, int w, int h) {
        int pad = (WINDOW_SIZE - 1) / 2;
        double sum = 0;
        for (int y = pad; y < h - pad; y++) {
            double rowSum = 0;
            for (int i = y * w + pad, end = y * w + w - pad; i < end; i++) {
                double mx = ux[i];
                double my = uy[i];
                double vx = uxx[i] - mx * mx;
                double vy = uyy[i] - my * my;
                double vxy = uxy[i] - mx * my;
                rowSum += (2 * mx * my + C1) * (2 * vxy + C2)
                    / ((mx * mx + my * my + C1) * (vx + vy + C2));
            }
            sum += rowSum;
        }
        return sum / ((double) (w - 2 * pad) * (h - 2 * pad));
    }
}
