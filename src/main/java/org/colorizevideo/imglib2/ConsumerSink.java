package org.colorizevideo.imglib2;

import net.imglib2.img.array.ArrayImgs;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.FrameSink;

/** The engine's sink that hands each frame, as an ARGB image over the frame's pixels, to a {@link FrameConsumer}. */
final class ConsumerSink implements FrameSink {

    private final FrameConsumer consumer;

    ConsumerSink(FrameConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void put(int index, int[] rgb, int width, int height) throws ColorizeException {
        int[] argb = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            argb[i] = 0xff000000 | rgb[i];
        }
        try {
            consumer.accept(index, ArrayImgs.argbs(argb, width, height));
        } catch (ColorizeException e) {
            throw e;
        } catch (Exception e) {
            throw new ColorizeException("The frame consumer failed at frame " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() {
    }

    @Override
    public void abort() {
    }
}
