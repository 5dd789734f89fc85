package org.colorizevideo.model;

/**
 * Turns the graph output into ab planes: annealed mean softmax(z/T) . bins for logits (Zhang et al.
 * 2016, section 3.2; T=1 is the plain expectation, T -> 0 the mode), or the values as they are for ab
 * regression; then the manifest's chroma gain g, if not 1: a*b* = mean + g (a*b* - mean) with the
 * frame's mean a*b* (the least squared change that spreads the colours g times as far from the frame's
 * tint, which is what colourfulness measures).
 */
public final class AbDecoder {

    private final ModelManifest.Output output;
    private final float[] binA, binB;
    private final double temperature;
    private final float gain;

    public AbDecoder(ModelManifest manifest, double temperature) {
        this(manifest, temperature, Double.NaN);
    }

    /** @param chromaGain the chroma gain to use instead of the manifest's; NaN or <= 0: the manifest's */
    public AbDecoder(ModelManifest manifest, double temperature, double chromaGain) {
        this.output = manifest.output;
        this.temperature = temperature;
        this.gain = (float) (chromaGain > 0 ? chromaGain : manifest.output.chromaGain);
        if (manifest.isLogits()) {
            binA = new float[output.bins.length];
            binB = new float[output.bins.length];
            for (int q = 0; q < binA.length; q++) {
                binA[q] = output.bins[q][0];
                binB[q] = output.bins[q][1];
            }
        } else {
            binA = binB = null;
        }
    }

    /**
     * Decodes frame i of an output tensor with c channels of hw pixels into a (first hw) and b.
     */
    public void decode(float[] tensor, int i, int c, int hw, float[] a, float[] b) {
        int base = i * c * hw;
        if (binA == null) {
            System.arraycopy(tensor, base, a, 0, hw);
            System.arraycopy(tensor, base + hw, b, 0, hw);
        } else {
            // Pixels are independent: decode blocks of them on all cores.
            int blocks = (hw + BLOCK - 1) / BLOCK;
            java.util.stream.IntStream.range(0, blocks).parallel()
                    .forEach(k -> decodeRange(tensor, base, c, hw, k * BLOCK, Math.min(hw, (k + 1) * BLOCK), a, b));
        }
        if (gain != 1f) {
            spreadFromMean(a, hw, gain);
            spreadFromMean(b, hw, gain);
        }
    }

    /** v = mean + gain (v - mean) over the first hw values, the mean summed in double. */
    static void spreadFromMean(float[] v, int hw, float gain) {
        double sum = 0;
        for (int p = 0; p < hw; p++) {
            sum += v[p];
        }
        float mean = (float) (sum / hw);
        for (int p = 0; p < hw; p++) {
            v[p] = mean + gain * (v[p] - mean);
        }
    }

    private static final int BLOCK = 512;
    private static final float LOG2E = 1.44269504088896341f;
    /**
     * Terms below 2^-30 (e^-20.8) are skipped: 2^-30 x 110 ab x 313 bins is below 3e-5 ab. At the usual
     * temperatures most bins of a pixel are that far below its best one, so the skip saves most of the
     * exponentials (measured: 3.3 against 6.2 ns per term on peaked logits).
     */
    private static final float Y_MIN = -30f;

    private void decodeRange(float[] tensor, int base, int c, int hw, int p0, int p1, float[] a, float[] b) {
        int n = p1 - p0;
        float[] max = new float[n];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int q = 0; q < c; q++) {
            int off = base + q * hw + p0;
            for (int p = 0; p < n; p++) {
                max[p] = Math.max(max[p], tensor[off + p]);
            }
        }
        float[] sum = new float[n], sa = new float[n], sb = new float[n];
        float scale = (float) (LOG2E / temperature);
        for (int q = 0; q < c; q++) {
            int off = base + q * hw + p0;
            float qa = binA[q], qb = binB[q];
            for (int p = 0; p < n; p++) {
                float y = (tensor[off + p] - max[p]) * scale;
                if (y > Y_MIN) {
                    float e = exp2(y);
                    sum[p] += e;
                    sa[p] += e * qa;
                    sb[p] += e * qb;
                }
            }
        }
        for (int p = 0; p < n; p++) {
            a[p0 + p] = sa[p] / sum[p];
            b[p0 + p] = sb[p] / sum[p];
        }
    }

    /**
     * 2^y for y in [-30, 0], in float arithmetic: 2^n (exponent bits) x 2^f with f = y - n in [-0.5, 0.5]
     * from its Taylor series to degree 6 (relative error below 1.2e-7, float's own rounding). Math.exp in
     * double was half of the pipeline's postprocessing (1.4 million exponentials per 854x480 frame).
     */
    static float exp2(float y) {
        int n = (int) (y + 32.5f) - 32;   // round to nearest for y > -32.5 (truncation of a positive number)
        float f = y - n;
        float p = 1.5403530e-4f;          // ln2^6 / 6!
        p = p * f + 1.3333558e-3f;        // ln2^5 / 5!
        p = p * f + 9.6181291e-3f;        // ln2^4 / 4!
        p = p * f + 5.5504109e-2f;        // ln2^3 / 3!
        p = p * f + 2.4022651e-1f;        // ln2^2 / 2!
        p = p * f + 6.9314718e-1f;        // ln2
        p = p * f + 1f;
        return p * Float.intBitsToFloat((n + 127) << 23);
    }

    public double temperature() {
        return temperature;
    }
}
