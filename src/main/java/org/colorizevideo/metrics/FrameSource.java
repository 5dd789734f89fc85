package org.colorizevideo.metrics;

import org.colorizevideo.ColorizeException;

/** A clip of RGB frames read one at a time, in order (a folder, a virtual stack, an open image). */
public interface FrameSource extends AutoCloseable {

    int size();

    int width();

    int height();

    /**
     * Frame {@code index} (0-based). Called in increasing order from one thread, unless
     * {@link #concurrent()} says otherwise.
     */
    RgbFrame frame(int index) throws ColorizeException;

    /** True when {@link #frame} may be called from several threads at once, in any order. */
    default boolean concurrent() {
        return false;
    }

    /** What to call the clip in messages, e.g. its path or title. */
    String description();

    /** Releases what reading needs (a video decoder); frames and stacks hold nothing. */
    @Override
    default void close() {
    }
}
