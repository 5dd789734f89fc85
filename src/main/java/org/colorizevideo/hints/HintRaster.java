package org.colorizevideo.hints;

import java.util.List;

/**
 * Paints hints onto the model's input grid: per model pixel the hint a*b* and a flag, later hints over
 * earlier ones (as the authors' hint simulation overwrites overlapping patches). A frame pixel (x, y)
 * lies in model pixel (floor(x * mw / w), floor(y * mh / h)); a click paints a square of
 * {@code clickSize} model pixels centred there.
 */
public final class HintRaster {

    /** a*b* planes (a then b, mh x mw each) and the mask (1 where a hint is, else 0). */
    public record Planes(float[] ab, float[] mask, int painted) {
    }

    private HintRaster() {
    }

    public static Planes paint(List<ColourHint> hints, int width, int height, int mw, int mh, int clickSize) {
        int hw = mw * mh;
        float[] ab = new float[2 * hw], mask = new float[hw];
        int painted = 0;
        for (ColourHint h : hints) {
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
                    }
                }
            }
        }
        return new Planes(ab, mask, painted);
    }
}
