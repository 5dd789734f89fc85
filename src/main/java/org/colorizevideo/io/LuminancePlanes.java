package org.colorizevideo.io;

import java.util.Locale;
import org.colorizevideo.colorize.LuminanceSource;

/**
 * Frames already in memory as L* planes (0..100, row-major), e.g. from an API caller or a test;
 * frame i is named {@code %05d}. The planes are not copied; {@link #luminance} returns a copy.
 */
public record LuminancePlanes(int width, int height, float[][] planes) implements LuminanceSource {

    public LuminancePlanes {
        for (float[] p : planes) {
            if (p.length != width * height) {
                throw new IllegalArgumentException("an L* plane has " + p.length + " values, not " + width + "x" + height);
            }
        }
    }

    @Override
    public int size() {
        return planes.length;
    }

    @Override
    public String frameName(int index) {
        return String.format(Locale.ROOT, "%05d", index);
    }

    @Override
    public float[] luminance(int index) {
        return planes[index].clone();
    }
}
