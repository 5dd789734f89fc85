package org.colorizevideo.color;

/**
 * Table-driven L*a*b* to 8-bit sRGB for the per-pixel hot path. Same formulas as {@link Lab}; the
 * sRGB transfer curve is a 65,537-entry table of 8-bit results (within 0.03 gray levels of the exact
 * curve before rounding). Immutable and thread-safe.
 *
 * <p>Gamut mapping keeps L*: a colour outside sRGB has its chroma (a*, b*) scaled towards gray until
 * it fits (bisection, {@value #GAMUT_STEPS} steps), instead of clipping each channel, which would
 * change the luminance that the gray input defines. In-gamut colours are converted unchanged.
 */
public final class FastLab {

    private static final int GAMMA_STEPS = 1 << 16;
    /** 8-bit sRGB value of linear light i / GAMMA_STEPS (nearest entry: within 0.03 levels). */
    private static final byte[] ENCODE = new byte[GAMMA_STEPS + 1];
    private static final float[] GRAY_TO_L = new float[256];

    static {
        for (int i = 0; i < ENCODE.length; i++) {
            ENCODE[i] = (byte) Math.floor(255 * Lab.linearToSrgb(i / (double) GAMMA_STEPS) + 0.5);
        }
        for (int g = 0; g < 256; g++) {
            GRAY_TO_L[g] = (float) Lab.grayToL(g / 255.0);
        }
    }

    private static final float M00 = (float) Lab.RGB_FROM_XYZ[0][0], M01 = (float) Lab.RGB_FROM_XYZ[0][1],
            M02 = (float) Lab.RGB_FROM_XYZ[0][2], M10 = (float) Lab.RGB_FROM_XYZ[1][0],
            M11 = (float) Lab.RGB_FROM_XYZ[1][1], M12 = (float) Lab.RGB_FROM_XYZ[1][2],
            M20 = (float) Lab.RGB_FROM_XYZ[2][0], M21 = (float) Lab.RGB_FROM_XYZ[2][1],
            M22 = (float) Lab.RGB_FROM_XYZ[2][2];

    private FastLab() {
    }

    /** L* of the neutral colour (g,g,g), g in 0..255. */
    public static float grayToL(int gray) {
        return GRAY_TO_L[gray];
    }

    static final int GAMUT_STEPS = 12;
    private static final float TOLERANCE = 1e-4f;

    /** L*, a*, b* to packed 0xRRGGBB; out-of-gamut chroma is reduced at constant L*. */
    public static int labToRgb(float l, float a, float b) {
        float fy = (l + 16f) / 116f;
        float y = finv(fy);
        float x = finv(a / 500f + fy) * (float) Lab.XN;
        float z = finv(Math.max(0f, fy - b / 200f)) * (float) Lab.ZN;
        float r = M00 * x + M01 * y + M02 * z;
        float g = M10 * x + M11 * y + M12 * z;
        float bl = M20 * x + M21 * y + M22 * z;
        if (inside(r) && inside(g) && inside(bl)) {
            return (encode(r) << 16) | (encode(g) << 8) | encode(bl);
        }
        return reduceChroma(l, a, b);
    }

    private static int reduceChroma(float l, float a, float b) {
        float[] lin = new float[3];
        float lo = 0f, hi = 1f;
        for (int i = 0; i < GAMUT_STEPS; i++) {
            float mid = 0.5f * (lo + hi);
            if (linear(l, a * mid, b * mid, lin)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        linear(l, a * lo, b * lo, lin);
        return (encode(lin[0]) << 16) | (encode(lin[1]) << 8) | encode(lin[2]);
    }

    /** Linear sRGB of a Lab colour into lin; true when it lies inside the gamut. */
    private static boolean linear(float l, float a, float b, float[] lin) {
        float fy = (l + 16f) / 116f;
        float fx = a / 500f + fy;
        float fz = Math.max(0f, fy - b / 200f);
        float x = finv(fx) * (float) Lab.XN, y = finv(fy), z = finv(fz) * (float) Lab.ZN;
        lin[0] = M00 * x + M01 * y + M02 * z;
        lin[1] = M10 * x + M11 * y + M12 * z;
        lin[2] = M20 * x + M21 * y + M22 * z;
        return inside(lin[0]) && inside(lin[1]) && inside(lin[2]);
    }

    private static boolean inside(float v) {
        return v >= -TOLERANCE && v <= 1f + TOLERANCE;
    }

    private static float finv(float t) {
        return t > 0.2068966f ? t * t * t : (t - 16f / 116f) / 7.787f;
    }

    private static int encode(float linear) {
        if (linear <= 0f) {
            return 0;
        }
        if (linear >= 1f) {
            return 255;
        }
        return ENCODE[(int) (linear * GAMMA_STEPS + 0.5f)] & 0xff;
    }

    /**
     * Full-resolution L* with full-resolution ab planes -> packed sRGB, gamut-mapped at constant L*;
     * rows on all cores (the network is idle meanwhile).
     */
    public static int[] labToRgb(float[] l, float[] a, float[] b, int width, int height) {
        int[] rgb = new int[width * height];
        java.util.stream.IntStream.range(0, height).parallel().forEach(y -> {
            for (int p = y * width, end = p + width; p < end; p++) {
                rgb[p] = labToRgb(l[p], a[p], b[p]);
            }
        });
        return rgb;
    }
}
