package org.colorizevideo.color;

/**
 * Separable triangle-filter resampling of float planes: antialiased when shrinking (the filter is
 * stretched over the source pixels that fall into one destination pixel), plain bilinear with
 * half-pixel centres when enlarging. This is the definition of PIL's BILINEAR filter and of
 * PyTorch's {@code interpolate(mode='bilinear', align_corners=False, antialias=True)}, which our
 * Python references use.
 *
 * <p>A Resampler is built for one (source size, destination size) pair and can be reused for every
 * frame and channel of a video; it is immutable.
 */
public final class Resampler {

    private final int srcW, srcH, dstW, dstH;
    private final Axis horizontal, vertical;

    public Resampler(int srcW, int srcH, int dstW, int dstH) {
        if (srcW < 1 || srcH < 1 || dstW < 1 || dstH < 1) {
            throw new IllegalArgumentException("Cannot resample " + srcW + "x" + srcH + " to " + dstW + "x" + dstH);
        }
        this.srcW = srcW;
        this.srcH = srcH;
        this.dstW = dstW;
        this.dstH = dstH;
        this.horizontal = new Axis(srcW, dstW);
        this.vertical = new Axis(srcH, dstH);
    }

    /** Resamples src (srcH rows of srcW, row-major) into dst (dstH x dstW). */
    public void resample(float[] src, float[] dst) {
        resample(src, 0, dst, 0);
    }

    /** As {@link #resample(float[], float[])} with offsets into larger arrays (e.g. a batch tensor). */
    public void resample(float[] src, int srcOffset, float[] dst, int dstOffset) {
        float[] tmp = new float[srcH * dstW];
        for (int y = 0; y < srcH; y++) {
            int row = srcOffset + y * srcW;
            for (int x = 0; x < dstW; x++) {
                int start = horizontal.start[x];
                float[] w = horizontal.weights[x];
                float sum = 0f;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * src[row + start + k];
                }
                tmp[y * dstW + x] = sum;
            }
        }
        for (int y = 0; y < dstH; y++) {
            int start = vertical.start[y];
            float[] w = vertical.weights[y];
            int out = dstOffset + y * dstW;
            for (int x = 0; x < dstW; x++) {
                dst[out + x] = 0f;
            }
            for (int k = 0; k < w.length; k++) {
                float wk = w[k];
                int in = (start + k) * dstW;
                for (int x = 0; x < dstW; x++) {
                    dst[out + x] += wk * tmp[in + x];
                }
            }
        }
    }

    public int srcWidth() {
        return srcW;
    }

    public int srcHeight() {
        return srcH;
    }

    public int dstWidth() {
        return dstW;
    }

    public int dstHeight() {
        return dstH;
    }

    /** Taps and normalised weights of each destination index along one axis. */
    private static final class Axis {
        final int[] start;
        final float[][] weights;

        Axis(int in, int out) {
            double scale = in / (double) out;
            double support = scale >= 1.0 ? scale : 1.0;
            double invScale = scale >= 1.0 ? 1.0 / scale : 1.0;
            start = new int[out];
            weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double center = scale * (i + 0.5);
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), in);
                double[] w = new double[max - min];
                double total = 0;
                for (int j = 0; j < w.length; j++) {
                    double t = Math.abs((j + min - center + 0.5) * invScale);
                    w[j] = t < 1.0 ? 1.0 - t : 0.0;
                    total += w[j];
                }
                start[i] = min;
                weights[i] = new float[w.length];
                for (int j = 0; j < w.length; j++) {
                    weights[i][j] = (float) (total > 0 ? w[j] / total : 0);
                }
            }
        }
    }
}
