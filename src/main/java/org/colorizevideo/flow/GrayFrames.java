package org.colorizevideo.flow;

/** Conversions of packed {@code 0xRRGGBB} pixels to the 8-bit gray frames that flow estimators take. */
public final class GrayFrames {

    private GrayFrames() {
    }

    /**
     * Rec. 601 luma, {@code round(0.299 R + 0.587 G + 0.114 B)}, as OpenCV's {@code COLOR_RGB2GRAY}
     * computes it (up to its fixed-point rounding). A neutral pixel {@code (g, g, g)} maps to {@code g}.
     */
    public static byte[] luma(int[] rgb) {
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            if (r == g && g == b) {
                out[i] = (byte) g;
            } else {
                out[i] = (byte) Math.min(255, (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b));
            }
        }
        return out;
    }
}
