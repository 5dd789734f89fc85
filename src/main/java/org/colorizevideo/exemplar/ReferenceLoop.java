package org.colorizevideo.exemplar;

import org.colorizevideo.ColorizeException;
import org.colorizevideo.metrics.RgbFrame;

/**
 * A recurrent exemplar-based colorizer for one reference at a time: {@link #restart} encodes a
 * reference (keyframe) and forgets the previous output; {@link #next} colours the following frame,
 * which may see the frames before it since the restart. {@link DevcLoop} is Deep Exemplar-based Video
 * Colorization's.
 */
public interface ReferenceLoop {

    /** Encodes {@code reference} (packed RGB, any size) and restarts the recurrence: the next frame is a first frame. */
    void restart(RgbFrame reference) throws ColorizeException;

    /** Colours the next frame, given as an L* plane (0..100, row-major); packed RGB of the same size. */
    int[] next(float[] lStar, int width, int height) throws ColorizeException;
}
