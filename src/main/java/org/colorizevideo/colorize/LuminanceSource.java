package org.colorizevideo.colorize;

import org.colorizevideo.ColorizeException;

/**
 * Frames as L* planes (0..100, row-major, full resolution). Implementations convert from the
 * image type and refuse what cannot be colorized; they read lazily so that long videos stay bounded.
 */
public interface LuminanceSource {

    int size();

    int width();

    int height();

    /** Base name (no extension) under which frame i is written to a folder. */
    String frameName(int index);

    /** L* of frame i. Throws when the frame cannot be used (colour, NaN ...). */
    float[] luminance(int index) throws ColorizeException;
}
