package org.colorizevideo.instance;

import java.util.Arrays;

/**
 * The authors' {@code WeightGenerator.resize_and_pad}: an instance's feature map (computed on its crop,
 * S x S) resized to the box with {@code F.interpolate(mode='bilinear', align_corners=False)} (no
 * antialias) and zero-padded to the R x R map of the full frame.
 *
 * <p>The fusion graph does the arithmetic; Java supplies, per box and axis, the two source indices and
 * the two weights of every output position, exactly as PyTorch 1.13's CPU kernel computes them: the
 * scale {@code S / boxSize} in float, the source position {@code max(scale * (d + 0.5) - 0.5, 0)} in
 * double, {@code i0 = min(floor(src), S - 1)}, {@code i1 = min(i0 + 1, S - 1)}, {@code lambda1 =
 * (float) (src - i0)} and {@code lambda0 = 1f - lambda1}. (models/export/test_export_instcolor.py
 * checks these weights against the ones PyTorch applies to one-hot inputs, for every box size on maps
 * of 32, 64 and 256; computing the position in float instead put the pasted values up to 4.8e-6 off.)
 * Outside the box both weights are 0, which is the zero padding. {@link #paste} applies the same
 * numbers in Java (x first, then y, like PyTorch) and is what the unit test compares with PyTorch.
 */
public final class FeaturePaste {

    private FeaturePaste() {
    }

    /**
     * Fills one box's rows of the graph inputs {@code idxR} [N,4,R] and {@code wR} [N,4,R] (rows x0,
     * x1, y0, y1) at {@code offset = n * 4 * R}; source maps are R x R too (crop and frame are both 256).
     */
    public static void fill(BoxGeometry.BoxInfo info, int r, long[] idx, float[] w, int offset) {
        axis(info.leftPad(), info.width(), r, r, idx, w, offset);
        axis(info.topPad(), info.height(), r, r, idx, w, offset + 2 * r);
    }

    /**
     * One axis of a source of size s placed at {@code [start, start + length)} of an output axis of size
     * r: rows {@code offset} (i0 and its weight) and {@code offset + r} (i1 and its weight).
     */
    static void axis(int start, int length, int s, int r, long[] idx, float[] w, int offset) {
        Arrays.fill(idx, offset, offset + 2 * r, 0L);
        Arrays.fill(w, offset, offset + 2 * r, 0f);
        float scale = (float) s / length;
        for (int d = 0; d < length; d++) {
            double src = scale * (d + 0.5) - 0.5;
            if (src < 0) {
                src = 0;
            }
            int i0 = Math.min((int) Math.floor(src), s - 1);
            float lambda = (float) Math.min(Math.max(src - i0, 0.0), 1.0);
            int at = offset + start + d;
            idx[at] = i0;
            idx[r + at] = i0 < s - 1 ? i0 + 1 : i0;
            w[at] = 1f - lambda;
            w[r + at] = lambda;
        }
    }

    /**
     * Resize-and-pad in Java: {@code maps} holds C planes of S x S; the result C planes of R x R, zero
     * outside the box. Used by tests and as the specification of what the graph computes.
     */
    public static float[] paste(float[] maps, int channels, int s, BoxGeometry.BoxInfo info, int r) {
        long[] ix = new long[2 * r];
        float[] wx = new float[2 * r];
        long[] iy = new long[2 * r];
        float[] wy = new float[2 * r];
        axis(info.leftPad(), info.width(), s, r, ix, wx, 0);
        axis(info.topPad(), info.height(), s, r, iy, wy, 0);
        float[] out = new float[channels * r * r];
        for (int c = 0; c < channels; c++) {
            int in = c * s * s;
            for (int y = 0; y < r; y++) {
                if (wy[y] == 0f && wy[r + y] == 0f) {
                    continue;
                }
                int r0 = in + (int) iy[y] * s;
                int r1 = in + (int) iy[r + y] * s;
                for (int x = 0; x < r; x++) {
                    if (wx[x] == 0f && wx[r + x] == 0f) {
                        continue;
                    }
                    int c0 = (int) ix[x];
                    int c1 = (int) ix[r + x];
                    float top = wx[x] * maps[r0 + c0] + wx[r + x] * maps[r0 + c1];
                    float bottom = wx[x] * maps[r1 + c0] + wx[r + x] * maps[r1 + c1];
                    out[(c * r + y) * r + x] = wy[y] * top + wy[r + y] * bottom;
                }
            }
        }
        return out;
    }
}
