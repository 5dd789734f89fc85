package org.colorizevideo.hints;

import java.util.List;

/**
 * Paints hints onto the model's input grid: per model pixel the hint a*b* and a flag, later hints over
 * earlier ones (as the authors' hint simulation overwrites overlapping patches). A frame pixel (x, y)
 * lies in model pixel (floor(x * mw / w), floor(y * mh / h)); a click paints a square of
 * {@code clickSize} model pixels centred there.
 */
public final class HintRaster {

    /**
     * a*b* planes (a then b, mh x mw each), the mask (1 where a hint is, else 0) and the weight of each
     * painted pixel for spreading: 1 / (pixels its hint kept after later hints painted over it), so every
     * hint weighs the same whatever its size (a click is not drowned by a large area).
     */
    public record Planes(float[] ab, float[] mask, int painted, float[] weight) {
    }

    private HintRaster() {
    }

    public static Planes paint(List<ColourHint> hints, int width, int height, int mw, int mh, int clickSize) {
        int hw = mw * mh;
        float[] ab = new float[2 * hw], mask = new float[hw];
        int[] owner = new int[hw];
        int painted = 0;
        for (int k = 0; k < hints.size(); k++) {
            ColourHint h = hints.get(k);
            for (int i = 0; i < h.xs().length; i++) {
                int mx = (int) Math.floor(h.xs()[i] * (double) mw / width);
                int my = (int) Math.floor(h.ys()[i] * (double) mh / height);
                int r0 = h.clicks() ? -(clickSize - 1) / 2 : 0, r1 = h.clicks() ? clickSize / 2 : 0;
                for (int y = Math.max(0, my + r0); y <= Math.min(mh - 1, my + r1); y++) {
                    for (int x = Math.max(0, mx + r0); x <= Math.min(mw - 1, mx + r1); x++) {
                        int p = y * mw + x;
                        painted += mask[p] == 0 ? 1 : 0;
                        ab[p] = h.a();
                        ab[hw + p] = h.b();
                        mask[p] = 1;
                        owner[p] = k;
                    }
                }
            }
        }
        int[] kept = new int[hints.size()];
        for (int p = 0; p < hw; p++) {
            if (mask[p] != 0) {
                kept[owner[p]]++;
            }
        }
        float[] weight = new float[hw];
        for (int p = 0; p < hw; p++) {
            weight[p] = mask[p] != 0 ? 1f / kept[owner[p]] : 0f;
        }
        return new Planes(ab, mask, painted, weight);
    }
}
