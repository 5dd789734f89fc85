package org.colorizevideo.imglib2;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

/** Pixel copies between the engine's packed RGB frames and ImgLib2 ARGB frames, in flat XY order. */
final class ArgbCopy {

    private ArgbCopy() {
    }

    static void into(RandomAccessibleInterval<ARGBType> frame, RandomAccessibleInterval<ARGBType> target) {
        Cursor<ARGBType> from = Views.flatIterable(frame).cursor();
        Cursor<ARGBType> to = Views.flatIterable(target).cursor();
        while (from.hasNext()) {
            to.next().set(from.next());
        }
    }

    static int[] rgb(RandomAccessibleInterval<ARGBType> frame, int pixels) {
        int[] out = new int[pixels];
        Cursor<ARGBType> c = Views.flatIterable(frame).cursor();
        for (int i = 0; i < pixels; i++) {
            out[i] = c.next().get() & 0xffffff;
        }
        return out;
    }
}
