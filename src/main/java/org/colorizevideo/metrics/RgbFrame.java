package org.colorizevideo.metrics;

/**
 * An 8-bit RGB frame: {@code pixels[y * width + x] = 0xRRGGBB} (any alpha byte is ignored).
 *
 * <p>The pixel array is wrapped, not copied; the record's {@code equals} compares it by identity.
 */
public record RgbFrame(int width, int height, int[] pixels) {

    public RgbFrame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        if (pixels == null || pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels for "
                + width + "x" + height + ", got " + (pixels == null ? "null" : pixels.length));
        }
    }

    /** Channel 0 = red, 1 = green, 2 = blue, of a packed pixel. */
    static int channel(int rgb, int c) {
        return (rgb >> (16 - 8 * c)) & 0xff;
    }

    static void requireSameSize(RgbFrame a, RgbFrame b) {
        if (a.width != b.width || a.height != b.height) {
            throw new IllegalArgumentException("frame sizes differ: " + a.width + "x" + a.height
                + " vs " + b.width + "x" + b.height);
        }
    }
}
