package org.colorizevideo.model;

/**
 * Turns the graph output into ab planes: annealed mean softmax(z/T) . bins for logits (Zhang et al.
 * 2016, section 3.2; T=1 is the plain expectation, T -> 0 the mode), or the values as they are for ab
 * regression.
 */
public final class AbDecoder {

    private final ModelManifest.Output output;
    private final float[] binA, binB;
    private final double temperature;

    public AbDecoder(ModelManifest manifest, double temperature) {
        this.output = manifest.output;
        this.temperature = temperature;
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
            return;
        }
        // Pixels are independent: decode blocks of them on all cores.
        int blocks = (hw + BLOCK - 1) / BLOCK;
        java.util.stream.IntStream.range(0, blocks).parallel()
                .forEach(k -> decodeRange(tensor, base, c, hw, k * BLOCK, Math.min(hw, (k + 1) * BLOCK), a, b));
    }

    private static final int BLOCK = 512;
    /** exp(-20) * 110 ab * bins is below 1e-4 ab: such terms are skipped. */
    private static final double NEGLIGIBLE = -20.0;

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
        double[] sum = new double[n], sa = new double[n], sb = new double[n];
        double invT = 1.0 / temperature;
        for (int q = 0; q < c; q++) {
            int off = base + q * hw + p0;
            double qa = binA[q], qb = binB[q];
            for (int p = 0; p < n; p++) {
                double x = (tensor[off + p] - max[p]) * invT;
                if (x > NEGLIGIBLE) {
                    double e = Math.exp(x);
                    sum[p] += e;
                    sa[p] += e * qa;
                    sb[p] += e * qb;
                }
            }
        }
        for (int p = 0; p < n; p++) {
            a[p0 + p] = (float) (sa[p] / sum[p]);
            b[p0 + p] = (float) (sb[p] / sum[p]);
        }
    }

    public double temperature() {
        return temperature;
    }
}
