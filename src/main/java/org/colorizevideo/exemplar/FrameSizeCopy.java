package org.colorizevideo.exemplar;

import org.colorizevideo.flow.BackwardWarp;
import org.colorizevideo.flow.FlowField;
import org.colorizevideo.flow.OpenCvFlow;

/**
 * The gated copy of the previous output, redone at the frame's own size, for models whose manifest names
 * a {@code frameCopy} (exemplar-v11 on). The frame graph computes {@code ab = ab_net + g (previous ab - ab_net)}
 * at 216x384 and returns {@code ab_net} and {@code g} as well; here the same sum is taken at the frame's
 * size, with both brought up bilinearly and the previous output kept at the frame's size and moved onto the
 * frame by optical flow on the two frames' L* (the manifest's method, from the current frame to the previous
 * one, on {@code round(L* x 2.55)} as 8 bits; {@link BackwardWarp}'s bilinear sampling, border replicated).
 * What the copy carries from frame to frame then keeps its full resolution instead of being resampled
 * through 216x384 at every frame: fine colour detail (painted strips, a beak) survives, as it does in naive
 * flow propagation, while the gate still brings in the network's colours where it does not trust the copy.
 *
 * <p>The graph's own {@code ab} still goes back into the network as {@code prev_lab} (as in training); this
 * class changes only what the user sees. Without a previous output of the frame's size (the first frame
 * after a restart), the output is the graph's {@code ab} brought up to the frame.
 *
 * <p>Holds OpenCV's flow state, the previous frame's 8-bit L* and a*b*: one per loop, not thread-safe; close it.
 */
final class FrameSizeCopy implements AutoCloseable {

    private final OpenCvFlow flow;
    private int width;
    private int height;
    private byte[] previousL;
    private float[] previousAb;
    private final double trust;
    private final double unmatchedTrust;

    /**
     * @param trust          the exponent on the net's share where the copy is trusted
     * @param unmatchedTrust the exponent where the flow fails its forward-backward check, or NaN for no check
     */
    FrameSizeCopy(OpenCvFlow.Method method, double trust, double unmatchedTrust) {
        flow = new OpenCvFlow(method);
        this.trust = trust;
        this.unmatchedTrust = unmatchedTrust;
    }

    /** Forgets the previous output (a restart). */
    void reset() {
        previousL = null;
        previousAb = null;
    }

    /** Makes {@code a}, {@code b} (the frame's size) the previous output of the frame whose L* is {@code lStar}. */
    void seed(float[] lStar, float[] a, float[] b, int width, int height) {
        store(bytes(lStar), a, b, width, height);
    }

    /**
     * The frame's a*b* planes at its size (before any gain) from one network step: {@code up(ab_net) + g'
     * (previous moved by flow - up(ab_net))} with {@code g' = 1 - (1 - up(g))^trust} (the manifest's
     * {@code frameCopyTrust}; where the manifest names a {@code frameCopyUnmatchedTrust}, that exponent instead at
     * pixels whose flow fails the {@link ForwardBackward} check, at the cost of a second flow, back from the
     * previous frame), or {@code up(ab)} without a previous output of this size; it becomes the previous output.
     */
    float[][] apply(float[] lStar, int width, int height, ExemplarModel.Step step, DevcLoop.BackToFrame back) {
        int plane = ExemplarManifest.HEIGHT * ExemplarManifest.WIDTH;
        float[] a;
        float[] b;
        byte[] current = bytes(lStar);
        if (previousAb == null || width != this.width || height != this.height) {
            a = back.apply(step.ab(), 0, 1f);
            b = back.apply(step.ab(), plane, 1f);
        } else {
            FlowField f = flow.compute(current, previousL, width, height);
            double[] movedA = BackwardWarp.plane(previousAb, 0, f);
            double[] movedB = BackwardWarp.plane(previousAb, width * height, f);
            a = back.apply(step.abNet(), 0, 1f);
            b = back.apply(step.abNet(), plane, 1f);
            float[] g = back.apply(step.gate(), 0, 1f);
            boolean[] matched = Double.isNaN(unmatchedTrust) ? null
                    : ForwardBackward.consistent(f, flow.compute(previousL, current, width, height));
            for (int i = 0; i < g.length; i++) {
                double t = matched == null || matched[i] ? trust : unmatchedTrust;
                if (t != 1) {
                    g[i] = (float) (1 - Math.pow(Math.max(0f, 1 - g[i]), t));
                }
            }
            for (int i = 0; i < a.length; i++) {
                a[i] += g[i] * ((float) movedA[i] - a[i]);
                b[i] += g[i] * ((float) movedB[i] - b[i]);
            }
        }
        store(current, a, b, width, height);
        return new float[][] {a, b};
    }

    private void store(byte[] l, float[] a, float[] b, int width, int height) {
        this.width = width;
        this.height = height;
        previousL = l;
        previousAb = concat(a, b);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The 8-bit image the flow is computed on: L* (0..100) scaled to 0..255, as {@link PreviousWarp} at 216x384. */
    static byte[] bytes(float[] lStar) {
        byte[] out = new byte[lStar.length];
        for (int i = 0; i < lStar.length; i++) {
            long level = Math.round(lStar[i] * 2.55);
            out[i] = (byte) Math.max(0, Math.min(255, level));
        }
        return out;
    }

    @Override
    public void close() {
        flow.close();
    }
}
