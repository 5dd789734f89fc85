package org.colorizevideo.metrics;

/**
 * Colourfulness of Hasler &amp; S&uuml;sstrunk (2003), "Measuring colourfulness in natural images".
 *
 * <p>With {@code rg = R - G} and {@code yb = (R + G) / 2 - B} per pixel (8-bit values, 0..255):
 * <pre>
 *   M = sqrt(std_rg^2 + std_yb^2) + 0.3 * sqrt(mean_rg^2 + mean_yb^2)
 * </pre>
 * where the standard deviations are population ones (divide by N) over all pixels of the frame.
 * A grey frame scores 0; typical photographs score roughly 15 to 110.
 */
public final class Colorfulness {

    private Colorfulness() {
    }

    public static double compute(RgbFrame frame) {
        return compute(frame.pixels());
    }

    /** Colourfulness of packed {@code 0xRRGGBB} pixels (the frame's shape does not matter). */
    public static double compute(int[] pixels) {
        int n = pixels.length;
        if (n == 0) {
            throw new IllegalArgumentException("empty frame");
        }
        // rg and 2*yb are integers, so their sums are exact in a long.
        long sumRg = 0;
        long sumYb2 = 0;
        for (int p : pixels) {
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            sumRg += r - g;
            sumYb2 += r + g - 2 * b;
        }
        double meanRg = (double) sumRg / n;
        double meanYb = 0.5 * sumYb2 / n;
        // Second pass around the mean: numerically safer than sum of squares minus squared sum.
        double varRg = 0;
        double varYb = 0;
        for (int p : pixels) {
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            double drg = (r - g) - meanRg;
            double dyb = (0.5 * (r + g) - b) - meanYb;
            varRg += drg * drg;
            varYb += dyb * dyb;
        }
        varRg /= n;
        varYb /= n;
        return Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
    }
}
