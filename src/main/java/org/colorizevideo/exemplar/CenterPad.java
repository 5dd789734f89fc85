package org.colorizevideo.exemplar;

/**
 * The authors' {@code CenterPad((432, 768))} (utils/util_distortion.py of their code) for one 8-bit
 * channel: scale the image so that it covers 432x768 with scikit-image's
 * {@code resize(mode='reflect', preserve_range=True, anti_aliasing=True)}, crop the centre, truncate
 * to 8 bits ({@code astype(uint8)}).
 *
 * <p>scikit-image 0.19 resizes in two steps, both reproduced here in double precision: when an axis
 * shrinks, a Gaussian pre-filter with sigma = (in / out - 1) / 2 (scipy's {@code gaussian_filter},
 * truncate 4, mirror boundary); then {@code scipy.ndimage.zoom(order=1, grid_mode=True,
 * mode='mirror')}, i.e. linear interpolation at source coordinate (k + 0.5) * in / out - 0.5,
 * mirrored at the borders. The interpolation uses scipy's weights (1 - t and 1 - (1 - t)) and sums
 * the four products in scipy's order, so that values that land on an integer truncate the same way
 * (with t instead of 1 - (1 - t), or with coordinates in (in - 1, in) mirrored
 * instead of their right neighbour, 67 of 3 million values of the test clip came out one level off). Only the cropped window is computed.
 * Immutable; one instance per source size.
 */
final class CenterPad {

    static final int PAD_HEIGHT = 2 * ExemplarManifest.HEIGHT;
    static final int PAD_WIDTH = 2 * ExemplarManifest.WIDTH;

    final int srcWidth;
    final int srcHeight;
    /** Size after scaling (before the crop); covers PAD_HEIGHT x PAD_WIDTH. */
    final int scaledWidth;
    final int scaledHeight;
    /** Crop offsets in the scaled image. */
    final int top;
    final int left;

    /** test.py's CenterPad: scale to cover, crop the centre. */
    CenterPad(int srcWidth, int srcHeight) {
        this(srcWidth, srcHeight, false);
    }

    /**
     * @param stretch true: scale each axis to 432x768 on its own (aspect ratio not kept, nothing
     *     cropped), for models trained that way (ours); false: test.py's cover-and-crop
     */
    CenterPad(int srcWidth, int srcHeight, boolean stretch) {
        if (srcWidth < 1 || srcHeight < 1) {
            throw new IllegalArgumentException("Cannot pad an image of " + srcWidth + "x" + srcHeight);
        }
        this.srcWidth = srcWidth;
        this.srcHeight = srcHeight;
        // test.py's arithmetic: int(v * 768 / w0) when the image is taller than 9:16 (relative to
        // 432x768), else int(v * 432 / h0); Python's true division in double precision.
        double ratio = srcHeight / (double) srcWidth;
        if (stretch) {
            scaledHeight = PAD_HEIGHT;
            scaledWidth = PAD_WIDTH;
        } else if (ratio > PAD_HEIGHT / (double) PAD_WIDTH) {
            scaledHeight = (int) ((double) srcHeight * PAD_WIDTH / srcWidth);
            scaledWidth = (int) ((double) srcWidth * PAD_WIDTH / srcWidth);
        } else {
            scaledHeight = (int) ((double) srcHeight * PAD_HEIGHT / srcHeight);
            scaledWidth = (int) ((double) srcWidth * PAD_HEIGHT / srcHeight);
        }
        top = (scaledHeight - PAD_HEIGHT) / 2;
        left = (scaledWidth - PAD_WIDTH) / 2;
    }

    /** One channel of 8-bit values (row-major, srcWidth x srcHeight) -> 432x768 8-bit values. */
    int[] apply(int[] channel) {
        double[] x = new double[channel.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = channel[i];
        }
        int[] out = new int[PAD_HEIGHT * PAD_WIDTH];
        if (scaledWidth == srcWidth && scaledHeight == srcHeight) { // test.py returns such images unscaled
            for (int y = 0; y < PAD_HEIGHT; y++) {
                for (int c = 0; c < PAD_WIDTH; c++) {
                    out[y * PAD_WIDTH + c] = channel[(y + top) * srcWidth + c + left];
                }
            }
            return out;
        }
        x = gaussianRows(gaussianColumns(x));
        Taps ty = new Taps(srcHeight, scaledHeight, top, PAD_HEIGHT);
        Taps tx = new Taps(srcWidth, scaledWidth, left, PAD_WIDTH);
        for (int y = 0; y < PAD_HEIGHT; y++) {
            int r0 = ty.i0[y] * srcWidth, r1 = ty.i1[y] * srcWidth;
            double wy0 = ty.w0[y], wy1 = ty.w1[y];
            for (int c = 0; c < PAD_WIDTH; c++) {
                int c0 = tx.i0[c], c1 = tx.i1[c];
                double wx0 = tx.w0[c], wx1 = tx.w1[c];
                double v = 0.0;
                v += x[r0 + c0] * wy0 * wx0;
                v += x[r0 + c1] * wy0 * wx1;
                v += x[r1 + c0] * wy1 * wx0;
                v += x[r1 + c1] * wy1 * wx1;
                out[y * PAD_WIDTH + c] = (int) v;   // astype(uint8) truncates; v is within [0, 255]
            }
        }
        return out;
    }

    /** The anti-aliasing pre-filter along the vertical axis (axis 0), identity when it does not shrink. */
    private double[] gaussianColumns(double[] x) {
        double[] k = kernel(srcHeight / (double) scaledHeight);
        if (k == null) {
            return x;
        }
        int r = k.length / 2;
        double[] out = new double[x.length];
        for (int y = 0; y < srcHeight; y++) {
            for (int c = 0; c < srcWidth; c++) {
                double s = 0.0;
                for (int j = -r; j <= r; j++) {
                    s += k[j + r] * x[mirror(y + j, srcHeight) * srcWidth + c];
                }
                out[y * srcWidth + c] = s;
            }
        }
        return out;
    }

    /** The anti-aliasing pre-filter along the horizontal axis (axis 1). */
    private double[] gaussianRows(double[] x) {
        double[] k = kernel(srcWidth / (double) scaledWidth);
        if (k == null) {
            return x;
        }
        int r = k.length / 2;
        double[] out = new double[x.length];
        for (int y = 0; y < srcHeight; y++) {
            int row = y * srcWidth;
            for (int c = 0; c < srcWidth; c++) {
                double s = 0.0;
                for (int j = -r; j <= r; j++) {
                    s += k[j + r] * x[row + mirror(c + j, srcWidth)];
                }
                out[row + c] = s;
            }
        }
        return out;
    }

    /** scipy's normalised Gaussian kernel for sigma = (factor - 1) / 2, radius int(4 sigma + 0.5); null when sigma is 0. */
    static double[] kernel(double factor) {
        double sigma = Math.max(0.0, (factor - 1.0) / 2.0);
        if (sigma <= 1e-15) {
            return null;
        }
        int radius = (int) (4.0 * sigma + 0.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0.0;
        for (int j = -radius; j <= radius; j++) {
            k[j + radius] = Math.exp(-0.5 / (sigma * sigma) * j * j);
            sum += k[j + radius];
        }
        for (int j = 0; j < k.length; j++) {
            k[j] /= sum;
        }
        return k;
    }

    /** scipy's 'mirror' boundary (d c b | a b c d | c b a) for an integer index. */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** Linear-interpolation taps of the cropped output indices [offset, offset + count) along one axis. */
    private static final class Taps {
        final int[] i0;
        final int[] i1;
        final double[] w0;
        final double[] w1;

        Taps(int in, int out, int offset, int count) {
            i0 = new int[count];
            i1 = new int[count];
            w0 = new double[count];
            w1 = new double[count];
            double zoom = in / (double) out;
            for (int k = 0; k < count; k++) {
                double c = (k + offset + 0.5) * zoom - 0.5;
                if (in > 1) {         // scipy's map_coordinate for 'mirror': only c < 0 or c >= in move
                    double period = 2.0 * in - 2.0;
                    if (c < 0) {
                        c = -c;
                    }
                    if (c >= in) {
                        c = c - period * Math.floor(c / period);
                        if (c >= in) {
                            c = period - c;
                        }
                    }
                } else {
                    c = 0;
                }
                int start = (int) Math.floor(c);
                double t = c - start;
                i0[k] = start;
                i1[k] = mirror(start + 1, in);
                w0[k] = 1.0 - t;
                w1[k] = 1.0 - w0[k];   // scipy's get_spline_interpolation_weights: the last weight is 1 - the others
            }
        }
    }
}
