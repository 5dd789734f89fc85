package org.colorizevideo.instance;

import org.colorizevideo.color.Lab;

/**
 * The 256 L* values of 8-bit gray (sRGB, D65: the formulas of the authors' util.rgb2lab and of
 * {@link Lab}), and the way back. InstColorization's preprocessing resizes 8-bit images, so an L*
 * plane is first turned back into 8-bit gray; when the L* came from 8-bit gray (as in an 8-bit stack)
 * this recovers the original values exactly.
 */
public final class GrayLevels {

    private static final float[] L_OF_LEVEL = new float[256];
    private static final double[] MIDPOINTS = new double[255];

    static {
        double[] lab = new double[3];
        double[] exact = new double[256];
        for (int v = 0; v < 256; v++) {
            Lab.rgbToLab(v / 255.0, v / 255.0, v / 255.0, lab);
            exact[v] = lab[0];
            L_OF_LEVEL[v] = (float) lab[0];
        }
        for (int v = 0; v < 255; v++) {
            MIDPOINTS[v] = 0.5 * (exact[v] + exact[v + 1]);
        }
    }

    private GrayLevels() {
    }

    public static float lStar(int level) {
        return L_OF_LEVEL[level];
    }

    /** The 8-bit gray level whose L* is nearest to {@code l}. */
    public static int level(float l) {
        int lo = 0;
        int hi = 255;
        while (lo < hi) {          // first level whose upper midpoint is >= l
            int mid = (lo + hi) >>> 1;
            if (MIDPOINTS[mid] < l) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public static int[] levels(float[] lStar) {
        int[] out = new int[lStar.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = level(lStar[i]);
        }
        return out;
    }

    public static float[] lStar(int[] levels) {
        float[] out = new float[levels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = L_OF_LEVEL[levels[i]];
        }
        return out;
    }
}
