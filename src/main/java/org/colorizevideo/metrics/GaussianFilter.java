package org.colorizevideo.metrics;

/**
 * Separable 2-D Gaussian filter on a row-major {@code double} image, equivalent to
 * {@code scipy.ndimage.gaussian_filter(image, sigma, truncate=truncate, mode='reflect')}.
 *
 * <p>Kernel: radius {@code r = (int) (truncate * sigma + 0.5)}, taps
 * {@code exp(-x^2 / (2 sigma^2))} for {@code x = -r..r}, normalised to sum 1 (as scipy does).
 *
 * <p>Boundary: scipy's {@code 'reflect'} is the half-sample symmetric extension
 * {@code d c b a | a b c d | d c b a} (the edge sample is repeated), applied repeatedly when the
 * kernel is wider than the image, i.e. indices are folded with period {@code 2n}.
 *
 * <p>Used by {@link Ssim#map}; {@link Ssim#compute} needs only interior pixels and filters those
 * directly with the same kernel.
 */
final class GaussianFilter {

    private final double[] kernel;
    private final int radius;

    GaussianFilter(double sigma, double truncate) {
        this.kernel = kernel(sigma, truncate);
        this.radius = kernel.length / 2;
    }

    /** The normalised 1-D kernel of length {@code 2r + 1}. */
    static double[] kernel(double sigma, double truncate) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive: " + sigma);
        }
        int r = (int) (truncate * sigma + 0.5);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int x = -r; x <= r; x++) {
            double v = Math.exp(-0.5 / (sigma * sigma) * x * x);
            k[x + r] = v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Source index for position {@code i} (possibly outside {@code 0..n-1}) under 'reflect'. */
    static int reflect(int i, int n) {
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }

    int windowSize() {
        return kernel.length;
    }

    /**
     * Filters {@code data} in place.
     *
     * @param tmp scratch array of at least {@code width * height} doubles
     */
    void apply(double[] data, int width, int height, double[] tmp) {
        filterRows(data, tmp, width, height);
        filterColumns(tmp, data, width, height);
    }

    /** Horizontal pass: {@code out[y][x] = sum_j k[j] * in[y][reflect(x + j - r)]}. */
    private void filterRows(double[] in, double[] out, int width, int height) {
        int r = radius;
        double[] padded = new double[width + 2 * r];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int i = 0; i < padded.length; i++) {
                padded[i] = in[row + reflect(i - r, width)];
            }
            double k0 = kernel[0];
            for (int x = 0; x < width; x++) {
                out[row + x] = k0 * padded[x];
            }
            // Tap-outer loops over contiguous memory let the JIT vectorise.
            for (int j = 1; j < kernel.length; j++) {
                double kj = kernel[j];
                for (int x = 0; x < width; x++) {
                    out[row + x] += kj * padded[x + j];
                }
            }
        }
    }

    /** Vertical pass: {@code out[y][x] = sum_j k[j] * in[reflect(y + j - r)][x]}, row by row. */
    private void filterColumns(double[] in, double[] out, int width, int height) {
        int r = radius;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int src = reflect(y - r, height) * width;
            double k0 = kernel[0];
            for (int x = 0; x < width; x++) {
                out[row + x] = k0 * in[src + x];
            }
            for (int j = 1; j < kernel.length; j++) {
                double kj = kernel[j];
                src = reflect(y + j - r, height) * width;
                for (int x = 0; x < width; x++) {
                    out[row + x] += kj * in[src + x];
                }
            }
        }
    }
}
