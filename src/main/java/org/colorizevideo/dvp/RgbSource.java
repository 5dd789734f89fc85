package org.colorizevideo.dvp;

import org.colorizevideo.ColorizeException;

/** Frames as packed 8-bit RGB (0xRRGGBB, row-major), read lazily one at a time. */
public interface RgbSource {

    int size();

    int width();

    int height();

    /** Frame i as packed RGB. */
    int[] rgb(int index) throws ColorizeException;
}
