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
        float[] max = new float[hw];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int q = 0; q < c; q++) {
            int off = base + q * hw;
            for (int p = 0; p < hw; p++) {
                max[p] = Math.max(max[p], tensor[off + p]);
            }
        }
        double[] sum = new double[hw], sa = new double[hw], sb = new double[hw];
        double invT = 1.0 / temperature;
        for (int q = 0; q < c; q++) {
            int off = base + q * hw;
            double qa = binA[q], qb = binB[q];
            for (int p = 0; p < hw; p++) {
                double e = Math.exp((tensor[off + p] - max[p]) * invT);
                sum[p] += e;
                sa[p] += e * qa;
                sb[p] += e * qb;
            }
        }
        for (int p = 0; p < hw; p++) {
            a[p] = (float) (sa[p] / sum[p]);
            b[p] = (float) (sb[p] / sum[p]);
        }
    }

    public double temperature() {
        return temperature;
    }
}
