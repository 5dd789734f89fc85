package org.colorizevideo.colorize;

import org.colorizevideo.ColorizeException;

/** A source that can also give its frames as they are (packed sRGB), e.g. to keep frames already in colour. */
public interface ColourFrames {

    /** Frame i as packed 0xRRGGBB, full resolution, as the user sees it. */
    int[] rgb(int index) throws ColorizeException;
}
