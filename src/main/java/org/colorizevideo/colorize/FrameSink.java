package org.colorizevideo.colorize;

import org.colorizevideo.ColorizeException;

/**
 * Receives colorized frames in order. Nothing becomes visible to the user before {@link #commit()};
 * {@link #abort()} removes every trace of a failed or cancelled run.
 */
public interface FrameSink {

    void put(int index, int[] rgb, int width, int height) throws ColorizeException;

    void commit() throws ColorizeException;

    void abort();
}
