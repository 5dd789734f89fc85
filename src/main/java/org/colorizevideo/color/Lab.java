package org.colorizevideo.color;

/**
 * sRGB (D65, 2-degree observer) to and from CIE L*a*b*, with the constants and branch points of
 * scikit-image's {@code rgb2lab}/{@code lab2rgb}, so that our numbers agree with the reference
 * implementations used for training and testing.
 *
 * <p>These are the exact (double precision) conversions. {@link FastLab} is the table-driven variant
 * used per pixel in the pipeline; it is tested against this class.
 */
public final class Lab {

    static final double[][] XYZ_FROM_RGB = {
        {0.412453, 0.357580, 0.180423},
        {0.212671, 0.715160, 0.072169},
        {0.019334, 0.119193, 0.950227}};
    static final double[][] RGB_FROM_XYZ = invert3(XYZ_FROM_RGB);
    static final double XN = 0.95047, YN = 1.0, ZN = 1.08883;

    private Lab() {
    }

    /** sRGB component in [0,1] to linear light. */
    public static double srgbToLinear(double c) {
        return c > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
    }

    /** Linear light to sRGB component (not clipped). */
    public static double linearToSrgb(double c) {
        return c > 0.0031308 ? 1.055 * Math.pow(c, 1 / 2.4) - 0.055 : 12.92 * c;
    }

    static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116.0;
    }

    static double fInverse(double t) {
        return t > 0.2068966 ? t * t * t : (t - 16.0 / 116.0) / 7.787;
    }

    /** r, g, b in [0,1] to {L, a, b} in out. */
    public static void rgbToLab(double r, double g, double b, double[] out) {
        double lr = srgbToLinear(r), lg = srgbToLinear(g), lb = srgbToLinear(b);
        double[][] m = XYZ_FROM_RGB;
        double fx = f((m[0][0] * lr + m[0][1] * lg + m[0][2] * lb) / XN);
        double fy = f((m[1][0] * lr + m[1][1] * lg + m[1][2] * lb) / YN);
        double fz = f((m[2][0] * lr + m[2][1] * lg + m[2][2] * lb) / ZN);
        out[0] = 116.0 * fy - 16.0;
        out[1] = 500.0 * (fx - fy);
        out[2] = 200.0 * (fy - fz);
    }

    /** L*, a*, b* to r, g, b in [0,1] (clipped like scikit-image's lab2rgb) in out. */
    public static void labToRgb(double l, double a, double b, double[] out) {
        double fy = (l + 16.0) / 116.0;
        double fx = a / 500.0 + fy;
        double fz = Math.max(0.0, fy - b / 200.0);
        double x = fInverse(fx) * XN, y = fInverse(fy) * YN, z = fInverse(fz) * ZN;
        double[][] m = RGB_FROM_XYZ;
        for (int c = 0; c < 3; c++) {
            double lin = m[c][0] * x + m[c][1] * y + m[c][2] * z;
            out[c] = Math.min(1.0, Math.max(0.0, linearToSrgb(lin)));
        }
    }

    private static final double[] LINEAR8 = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            LINEAR8[i] = srgbToLinear(i / 255.0);
        }
    }

    /** Packed 8-bit 0xRRGGBB to {L, a, b} in out (same formulas, a table for the transfer curve). */
    public static void rgbToLab(int packed, double[] out) {
        double lr = LINEAR8[(packed >> 16) & 0xff], lg = LINEAR8[(packed >> 8) & 0xff], lb = LINEAR8[packed & 0xff];
        double[][] m = XYZ_FROM_RGB;
        double fx = f((m[0][0] * lr + m[0][1] * lg + m[0][2] * lb) / XN);
        double fy = f((m[1][0] * lr + m[1][1] * lg + m[1][2] * lb) / YN);
        double fz = f((m[2][0] * lr + m[2][1] * lg + m[2][2] * lb) / ZN);
        out[0] = 116.0 * fy - 16.0;
        out[1] = 500.0 * (fx - fy);
        out[2] = 200.0 * (fy - fz);
    }

    /** The sRGB gray level (0..1) of the neutral colour with lightness l (inverse of {@link #grayToL}). */
    public static double lToGray(double l) {
        return Math.min(1.0, Math.max(0.0, linearToSrgb(fInverse((l + 16.0) / 116.0))));
    }

    /** L* of a neutral colour whose sRGB components all equal gray (0..1). */
    public static double grayToL(double gray) {
        return 116.0 * f(srgbToLinear(gray)) - 16.0; // Y of (g,g,g) is the linear value: row 2 sums to 1
    }

    static double[][] invert3(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2];
        double d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], i = m[2][2];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[][] {
            {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
            {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
            {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}};
    }
}
