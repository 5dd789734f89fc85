package org.colorizevideo.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Colour distribution consistency (CDC) of a clip, Liu et al. 2021 ("Temporally consistent video
 * colorization with deep feature propagation and self-regularization learning"; TCVC / ColorMNet
 * {@code cdc.py}). Lower is more consistent; 0 means every compared pair has identical colour
 * histograms.
 *
 * <p>Definition used here, for a clip of {@code T} frames:
 * <ol>
 *   <li>{@code h_t^c}: the 256-bin histogram of channel {@code c} (R, G, B) of frame {@code t},
 *       divided by the pixel count so that it sums to 1.</li>
 *   <li>{@code JS(p, q) = 0.5 KL(p || m) + 0.5 KL(q || m)}, {@code m = (p + q) / 2},
 *       {@code KL(p || m) = sum_k p_k ln(p_k / m_k)} with {@code 0 ln 0 = 0}. The <b>natural
 *       log</b> is used, as {@code scipy.stats.entropy} (which TCVC's code calls) does by default,
 *       so JS lies in {@code [0, ln 2]}.</li>
 *   <li>For each dilation {@code d} in {1, 2, 4}: {@code D_d^c} = mean of {@code JS(h_i^c, h_{i+d}^c)}
 *       over the {@code T - d} pairs {@code i = 0..T-d-1}.</li>
 *   <li>{@code CDC^c = sum_d (1/3) D_d^c}, and the clip's {@code CDC = (CDC^R + CDC^G + CDC^B) / 3}.
 *       (TCVC averages each channel over clips before averaging channels; since every step is a
 *       mean, that equals the mean of the per-clip values computed here.)</li>
 * </ol>
 *
 * <p>TCVC computes the histograms in {@code float32} (OpenCV); this class uses {@code double}
 * throughout, which differs from TCVC's numbers by about 1e-8.
 *
 * <p><b>Short clips.</b> A dilation needs {@code T > d} frames. As in TCVC (where the mean over an
 * empty list is NaN), the clip value is {@link Double#NaN} unless {@code T >= 5}; the per-dilation
 * values that do exist are still reported.
 *
 * <p><b>Per-frame contributions.</b> {@link Result#frameContributions()}[i] is the share of the clip
 * value that comes from the pairs starting at frame {@code i}:
 * {@code sum_d (1/3) * JSbar(i, i+d) / (T - d)}, where {@code JSbar} is the channel-mean JS. When
 * the clip value is defined the contributions sum to it, so large entries point at frames where the
 * colour distribution jumps.
 */
public final class Cdc {

    /** Frame distances compared. */
    public static final int[] DILATIONS = {1, 2, 4};
    /** Weight of each dilation. */
    public static final double[] WEIGHTS = {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0};

    public static final int BINS = 256;

    private Cdc() {
    }

    /**
     * CDC of a clip and its parts.
     *
     * @param value              the clip's CDC, or NaN when the clip has fewer than 5 frames
     * @param perDilation        channel-mean {@code D_d} for each entry of {@link #DILATIONS}
     *                           (NaN where the clip has no pair at that distance)
     * @param pairDivergences    {@code pairDivergences[k][i]}: channel-mean JS of frames
     *                           {@code (i, i + DILATIONS[k])}; length {@code max(0, T - d)}
     * @param frameContributions per-frame share of {@code value}, length {@code T}
     */
    public record Result(double value, double[] perDilation, double[][] pairDivergences,
                         double[] frameContributions) {
    }

    /** CDC of a clip given as frames of packed {@code 0xRRGGBB} pixels (sizes may differ). */
    public static Result compute(List<int[]> frames) {
        List<double[][]> hists = new ArrayList<>(frames.size());
        for (int[] f : frames) {
            hists.add(histograms(f));
        }
        return fromHistograms(hists);
    }

    /** CDC of a clip of {@link RgbFrame}s. */
    public static Result computeFrames(List<RgbFrame> frames) {
        List<double[][]> hists = new ArrayList<>(frames.size());
        for (RgbFrame f : frames) {
            hists.add(histograms(f.pixels()));
        }
        return fromHistograms(hists);
    }

    /**
     * CDC from precomputed {@link #histograms(int[])}, e.g. gathered while streaming a long stack
     * (each frame costs only {@code 3 x 256} doubles).
     */
    public static Result fromHistograms(List<double[][]> hists) {
        int t = hists.size();
        if (t == 0) {
            throw new IllegalArgumentException("CDC needs at least one frame");
        }
        double[] perDilation = new double[DILATIONS.length];
        double[][] pairs = new double[DILATIONS.length][];
        double[] contributions = new double[t];
        double value = 0;
        for (int k = 0; k < DILATIONS.length; k++) {
            int d = DILATIONS[k];
            int count = Math.max(0, t - d);
            pairs[k] = new double[count];
            double sum = 0;
            for (int i = 0; i < count; i++) {
                double js = channelMeanDivergence(hists.get(i), hists.get(i + d));
                pairs[k][i] = js;
                sum += js;
                contributions[i] += WEIGHTS[k] * js / count;
            }
            perDilation[k] = count == 0 ? Double.NaN : sum / count;
            value += WEIGHTS[k] * perDilation[k]; // NaN propagates for short clips
        }
        return new Result(value, perDilation, pairs, contributions);
    }

    /**
     * Normalised 256-bin histograms of the R, G and B channels: {@code [3][256]}, each row summing
     * to 1.
     */
    public static double[][] histograms(int[] pixels) {
        if (pixels.length == 0) {
            throw new IllegalArgumentException("empty frame");
        }
        int[][] counts = new int[3][BINS];
        for (int p : pixels) {
            counts[0][(p >> 16) & 0xff]++;
            counts[1][(p >> 8) & 0xff]++;
            counts[2][p & 0xff]++;
        }
        double[][] h = new double[3][BINS];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < BINS; k++) {
                h[c][k] = (double) counts[c][k] / pixels.length;
            }
        }
        return h;
    }

    /** Mean over R, G, B of the JS divergence between two frames' {@link #histograms}. */
    public static double channelMeanDivergence(double[][] h1, double[][] h2) {
        return (jensenShannon(h1[0], h2[0]) + jensenShannon(h1[1], h2[1])
            + jensenShannon(h1[2], h2[2])) / 3.0;
    }

    /**
     * Jensen-Shannon divergence (natural log) of two probability vectors of equal length, each
     * summing to 1. Returns a value in {@code [0, ln 2]}.
     */
    public static double jensenShannon(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("lengths differ: " + p.length + " vs " + q.length);
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            double m = 0.5 * (p[k] + q[k]);
            if (p[k] > 0) {
                sum += p[k] * Math.log(p[k] / m);
            }
            if (q[k] > 0) {
                sum += q[k] * Math.log(q[k] / m);
            }
        }
        return 0.5 * sum;
    }
}
