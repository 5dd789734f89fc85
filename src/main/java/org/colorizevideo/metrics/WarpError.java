package org.colorizevideo.metrics;

import org.colorizevideo.flow.BackwardWarp;
import org.colorizevideo.flow.FlowField;

/**
 * Flow warping error of Lai et al. 2018 ("Learning Blind Video Temporal Consistency", ECCV), as the
 * authors' code computes it ({@code phoenix104104/fast_blind_video_consistency}:
 * {@code compute_flow_occlusion.py}, {@code utils.detect_occlusion}, {@code evaluate_WarpError.py},
 * and FlowNet2's {@code Resample2d} layer for the warping). Lower is more consistent.
 *
 * <p>For a pair of output frames {@code O_{t-1}}, {@code O_t} (RGB scaled to [0, 1]) and the flows
 * computed on the corresponding <b>input</b> frames:
 * <ul>
 *   <li>{@code F}: forward flow {@code t-1 -> t}, defined on frame {@code t-1}'s grid (a pixel
 *       {@code x} of {@code t-1} is at {@code x + F(x)} in {@code t});</li>
 *   <li>{@code B}: backward flow {@code t -> t-1}, defined on frame {@code t}'s grid.</li>
 * </ul>
 *
 * <p><b>Warping</b> ({@link #warp}, {@link BackwardWarp}): backward warping with bilinear sampling,
 * {@code W_F(I)(x) = I(x + F(x))}; the result lives on frame {@code t-1}'s grid. As in
 * {@code Resample2d}, the four neighbours {@code floor(x+u)}, {@code floor(x+u)+1} (and likewise in y)
 * are each clamped to the frame while the weights come from the unclamped position, so a sample
 * outside the frame takes the value of the nearest edge pixel (border replication, no zero
 * padding). Such pixels are normally flagged as occluded by the consistency test below.
 *
 * <p><b>Occlusion</b> (a pixel {@code x} of frame {@code t-1} is occluded when either holds):
 * <ol>
 *   <li>forward-backward inconsistency: with {@code Bw = W_F(B)} (the backward flow sampled where
 *       {@code x} lands), {@code |Bw + F|^2 > 0.01 (|Bw|^2 + |F|^2) + 0.5};</li>
 *   <li>motion boundary: {@code |grad F|^2 > 0.01 |F|^2 + 0.002}, where {@code |grad F|^2} is the sum
 *       of the squares of the four forward differences {@code F_u(x,y) - F_u(x+1,y)},
 *       {@code F_u(x,y) - F_u(x,y+1)}, {@code F_v(x,y) - F_v(x+1,y)}, {@code F_v(x,y) - F_v(x,y+1)},
 *       each taken as 0 in the last column / last row.</li>
 * </ol>
 * This is the authors' {@code detect_occlusion(fw_flow, bw_flow)} as {@code compute_flow_occlusion.py}
 * calls it, namely with the arguments swapped ({@code detect_occlusion(bw_flow, fw_flow)}): inside,
 * the function's "bw_flow" is the real forward flow {@code F}, which is why the mask sits on frame
 * {@code t-1}'s grid and the motion boundaries are those of {@code F}. (REFERENCE.md writes the
 * formulas with the function's parameter names, {@code |W(F)+B|^2} and {@code |grad B|^2}.)
 *
 * <p><b>Error of a pair</b>: with {@code noc = 1 - occlusion},
 * {@code E = sum_{x, c} noc(x) (W_F(O_t)(x, c) - O_{t-1}(x, c))^2 / N}, {@code c} over R, G, B and
 * {@code N = 3 * sum_x noc(x)} (the authors read the mask as a 3-channel image). When every pixel is
 * occluded, {@code N = 3 * width * height} and {@code E = 0}. The clip's warp error is the mean of
 * {@code E} over its {@code T - 1} pairs. (Some papers multiply by 1000; this class does not.)
 *
 * <p>Differences from the authors' numbers come only from the flow: they used FlowNet2 (computed at
 * a size rounded up to a multiple of 64, then resized); Colorize Measure uses OpenCV's DIS (see
 * {@code BENCHMARKS.md}). All arithmetic here is in double precision (theirs is float32 on a GPU).
 */
public final class WarpError {

    /** Occlusion thresholds of {@code utils.detect_occlusion}. */
    public static final double CONSISTENCY_SCALE = 0.01;
    public static final double CONSISTENCY_OFFSET = 0.5;
    public static final double BOUNDARY_SCALE = 0.01;
    public static final double BOUNDARY_OFFSET = 0.002;

    private WarpError() {
    }

    /**
     * The error of one pair and its non-occluded pixel count.
     *
     * @param error      {@code E} for the pair
     * @param nonOccluded number of pixels (not channels) that count
     */
    public record Pair(double error, int nonOccluded) {
    }

    /**
     * Warp error of the pair {@code (previous, current)} = {@code (O_{t-1}, O_t)}.
     *
     * @param forward  flow {@code t-1 -> t} of the input frames
     * @param backward flow {@code t -> t-1} of the input frames
     */
    public static Pair pair(RgbFrame previous, RgbFrame current, FlowField forward, FlowField backward) {
        RgbFrame.requireSameSize(previous, current);
        int w = previous.width();
        int h = previous.height();
        checkFlow(forward, w, h);
        checkFlow(backward, w, h);
        boolean[] occluded = occlusion(forward, backward);
        double[][] warped = warpedChannels(current, forward);
        int[] prev = previous.pixels();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < w * h; i++) {
            if (occluded[i]) {
                continue;
            }
            count++;
            int p = prev[i];
            for (int c = 0; c < 3; c++) {
                double d = warped[c][i] / 255.0 - ((p >> (16 - 8 * c)) & 0xff) / 255.0;
                sum += d * d;
            }
        }
        if (count == 0) {
            return new Pair(0.0, 0);
        }
        return new Pair(sum / (3.0 * count), count);
    }

    /**
     * The occlusion mask on frame {@code t-1}'s grid ({@code true} = occluded), from the forward flow
     * {@code t-1 -> t} and the backward flow {@code t -> t-1}; see the class comment.
     */
    public static boolean[] occlusion(FlowField forward, FlowField backward) {
        int w = forward.width();
        int h = forward.height();
        checkFlow(backward, w, h);
        double[][] bw = warpDouble(backward, forward);
        float[] fu = forward.u();
        float[] fv = forward.v();
        double[] wu = bw[0];
        double[] wv = bw[1];
        boolean[] occ = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double su = wu[i] + fu[i];
                double sv = wv[i] + fv[i];
                double sumMag = su * su + sv * sv;
                double warpedMag = wu[i] * wu[i] + wv[i] * wv[i];
                double flowMag = (double) fu[i] * fu[i] + (double) fv[i] * fv[i];
                boolean inconsistent = sumMag > CONSISTENCY_SCALE * (warpedMag + flowMag) + CONSISTENCY_OFFSET;
                double uDx = x + 1 < w ? (double) fu[i] - fu[i + 1] : 0.0;
                double uDy = y + 1 < h ? (double) fu[i] - fu[i + w] : 0.0;
                double vDx = x + 1 < w ? (double) fv[i] - fv[i + 1] : 0.0;
                double vDy = y + 1 < h ? (double) fv[i] - fv[i + w] : 0.0;
                double grad = uDx * uDx + uDy * uDy + vDx * vDx + vDy * vDy;
                boolean boundary = grad > BOUNDARY_SCALE * flowMag + BOUNDARY_OFFSET;
                occ[i] = inconsistent || boundary;
            }
        }
        return occ;
    }

    /**
     * Backward-warps a flow field: {@code out(x) = field(x + by(x))}, bilinear with edge clamping
     * (see the class comment). Used to bring {@code B} onto frame {@code t-1}'s grid.
     */
    public static FlowField warp(FlowField field, FlowField by) {
        double[][] uv = warpDouble(field, by);
        float[] ou = new float[uv[0].length];
        float[] ov = new float[uv[1].length];
        for (int i = 0; i < ou.length; i++) {
            ou[i] = (float) uv[0][i];
            ov[i] = (float) uv[1][i];
        }
        return new FlowField(by.width(), by.height(), ou, ov);
    }

    /** R, G and B (0..255) of frame {@code t} warped onto frame {@code t-1}'s grid by the forward flow. */
    private static double[][] warpedChannels(RgbFrame current, FlowField forward) {
        int[] cur = current.pixels();
        float[] plane = new float[cur.length];
        double[][] out = new double[3][];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            for (int i = 0; i < cur.length; i++) {
                plane[i] = (cur[i] >> shift) & 0xff;
            }
            out[c] = BackwardWarp.plane(plane, 0, forward);
        }
        return out;
    }

    /** {@link #warp} in double precision: {@code {u, v}}. */
    private static double[][] warpDouble(FlowField field, FlowField by) {
        checkFlow(field, by.width(), by.height());
        return new double[][] {BackwardWarp.plane(field.u(), 0, by),
                BackwardWarp.plane(field.v(), 0, by)};
    }

    /** Mean of the pairs' errors (NaN for no pairs). */
    public static double mean(double[] pairErrors) {
        if (pairErrors.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double e : pairErrors) {
            s += e;
        }
        return s / pairErrors.length;
    }

    private static void checkFlow(FlowField f, int w, int h) {
        if (f.width() != w || f.height() != h) {
            throw new IllegalArgumentException("flow is " + f.width() + "x" + f.height() + " but the frames are " + w + "x" + h);
        }
    }
}
