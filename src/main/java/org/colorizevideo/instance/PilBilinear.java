package org.colorizevideo.instance;

/**
 * PIL's bilinear resize of an 8-bit image ({@code Image.resize(size, Image.BILINEAR)}, Pillow 9), which
 * is what the authors' {@code transforms.Resize((256, 256), interpolation=2)} runs on their 8-bit RGB
 * frames and crops. Reproduced bit for bit because the colorization networks see its output:
 *
 * <ul>
 *   <li>a triangle filter whose support grows with the reduction factor (so shrinking averages over
 *       all covered pixels: not the plain two-tap bilinear of {@link org.colorizevideo.color.Resampler});
 *   <li>per output pixel, taps from {@code (int)(centre - support + 0.5)} to
 *       {@code (int)(centre + support + 0.5)}, weights normalised to sum 1, then converted to
 *       fixed point with 22 fractional bits (rounded half away from zero);
 *   <li>a horizontal pass, rounded and clipped to 8 bits, then a vertical pass on that result, each
 *       skipped when its size does not change.
 * </ul>
 * A gray frame stored as RGB has three equal channels, so one channel is enough.
 */
public final class PilBilinear {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilBilinear() {
    }

    /** Fixed-point taps of one axis: for output i, {@code count[i]} weights from input {@code first[i]}. */
    record Taps(int ksize, int[] first, int[] count, int[] weights) {

        static Taps of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale;             // bilinear: support 1 at scale 1
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * ksize];
            double[] k = new double[ksize];
            double ss = 1.0 / filterScale;            // Pillow multiplies by the reciprocal
            for (int o = 0; o < outSize; o++) {
                double centre = (o + 0.5) * scale;
                int min = Math.max(0, (int) (centre - support + 0.5));
                int max = Math.min(inSize, (int) (centre + support + 0.5)) - min;
                double sum = 0;
                for (int x = 0; x < max; x++) {
                    double t = Math.abs((x + min - centre + 0.5) * ss);
                    k[x] = t < 1.0 ? 1.0 - t : 0.0;
                    sum += k[x];
                }
                for (int x = 0; x < max; x++) {
                    double v = sum != 0.0 ? k[x] / sum : k[x];
                    weights[o * ksize + x] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
                }
                first[o] = min;
                count[o] = max;
            }
            return new Taps(ksize, first, count, weights);
        }
    }

    private static int clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /**
     * Resizes the region {@code (x0, y0, w, h)} of an 8-bit image (values 0..255, row-major,
     * {@code stride} pixels per row) to {@code outW x outH}, like {@code img.crop(box).resize(...)}.
     */
    public static int[] resize(int[] src, int stride, int x0, int y0, int w, int h, int outW, int outH) {
        int[] region = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, (y0 + y) * stride + x0, region, y * w, w);
        }
        int[] cur = region;
        int curW = w;
        if (outW != w) {
            Taps t = Taps.of(w, outW);
            int[] next = new int[outW * h];
            for (int y = 0; y < h; y++) {
                int row = y * w;
                for (int o = 0; o < outW; o++) {
                    int acc = 1 << (PRECISION_BITS - 1);
                    int base = o * t.ksize();
                    for (int x = 0, n = t.count()[o], f = t.first()[o]; x < n; x++) {
                        acc += cur[row + f + x] * t.weights()[base + x];
                    }
                    next[y * outW + o] = clip8(acc);
                }
            }
            cur = next;
            curW = outW;
        }
        if (outH != h) {
            Taps t = Taps.of(h, outH);
            int[] next = new int[curW * outH];
            for (int o = 0; o < outH; o++) {
                int base = o * t.ksize();
                int f = t.first()[o];
                int n = t.count()[o];
                for (int x = 0; x < curW; x++) {
                    int acc = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < n; y++) {
                        acc += cur[(f + y) * curW + x] * t.weights()[base + y];
                    }
                    next[o * curW + x] = clip8(acc);
                }
            }
            cur = next;
        }
        return cur;
    }
}
