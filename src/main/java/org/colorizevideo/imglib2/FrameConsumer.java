package org.colorizevideo.imglib2;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/**
 * Receives the colour frames of a streaming run in order, one at a time: the frame is valid during the
 * call only (copy it to keep it), so a clip of any length needs the memory of one frame.
 */
@FunctionalInterface
public interface FrameConsumer {

    void accept(int index, RandomAccessibleInterval<ARGBType> frame) throws Exception;
}
