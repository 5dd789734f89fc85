package org.colorizevideo.flow;

/**
 * Dense optical flow between two 8-bit gray frames of the same size ({@code pixels[y * width + x]},
 * unsigned). Implementations may keep native state: one instance per thread, and close it.
 */
public interface OpticalFlowEstimator extends AutoCloseable {

    /** The flow that moves {@code first}'s pixels onto {@code second}. */
    FlowField compute(byte[] first, byte[] second, int width, int height);

    /** A short name for reports, e.g. "dis-medium". */
    String name();

    @Override
    void close();
}
