package org.colorizevideo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.colorize.FrameSink;

/** A sink for tests: keeps the frames in memory, checks that they come in order and fit their size. */
public final class CollectedFrames implements FrameSink {
    public final List<int[]> frames = new ArrayList<>();
    public boolean committed, aborted;

    @Override
    public void put(int index, int[] rgb, int width, int height) {
        assertEquals(frames.size(), index);
        assertEquals(width * height, rgb.length);
        frames.add(rgb);
    }

    @Override
    public void commit() {
        committed = true;
    }

    @Override
    public void abort() {
        aborted = true;
    }
}
