package org.colorizevideo.metrics;

/**
 * Peak signal-to-noise ratio of two 8-bit RGB frames, in dB:
 * {@code 10 log10(255^2 / MSE)}, where MSE is the mean squared difference over all pixels and all
 * three channels of the full frame. This matches scikit-image's
 * {@code peak_signal_noise_ratio(a, b, data_range=255)} on H x W x 3 uint8 arrays.
 *
 * <p><b>Identical frames</b> have MSE 0 and PSNR {@link Double#POSITIVE_INFINITY} (scikit-image
 * returns {@code inf} too). Averaging a clip that contains such a frame therefore gives infinity;
 * callers that want a finite number must decide how to treat those frames (e.g. skip or cap them).
 */
public final class Psnr {

    /** Peak value of an 8-bit channel. */
    public static final double MAX = 255.0;

    private Psnr() {
    }

    /** PSNR in dB; {@code +Infinity} for identical frames. */
    public static double compute(RgbFrame a, RgbFrame b) {
        RgbFrame.requireSameSize(a, b);
        return fromMse(mse(a.pixels(), b.pixels()));
    }

    /** PSNR in dB of two {@code width x height} frames; {@code +Infinity} for identical frames. */
    public static double compute(int[] a, int[] b, int width, int height) {
        return compute(new RgbFrame(width, height, a), new RgbFrame(width, height, b));
    }

    /** Mean squared error over all pixels and the three channels (0..65025). */
    public static double mse(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("pixel counts differ: " + a.length + " vs " + b.length);
        }
        long sum = 0; // exact: at most 3 * 65025 per pixel
        for (int i = 0; i < a.length; i++) {
            int p = a[i];
            int q = b[i];
            int dr = ((p >> 16) & 0xff) - ((q >> 16) & 0xff);
            int dg = ((p >> 8) & 0xff) - ((q >> 8) & 0xff);
            int db = (p & 0xff) - (q & 0xff);
            sum += dr * dr + dg * dg + db * db;
        }
        return sum / (3.0 * a.length);
    }

    /** {@code 10 log10(255^2 / mse)}; {@code +Infinity} when {@code mse == 0}. */
    public static double fromMse(double mse) {
        return 10.0 * Math.log10(MAX * MAX / mse);
    }
}
