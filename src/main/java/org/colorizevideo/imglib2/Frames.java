package org.colorizevideo.imglib2;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.view.Views;
import org.colorizevideo.ColorizeException;

/** The clip layout of the ImgLib2 API: XY (one frame) or XYT (frames along the third axis). */
final class Frames {

    private Frames() {
    }

    /** {width, height, frames}, or a sentence when the image is not XY or XYT or too large for a frame. */
    static int[] size(RandomAccessibleInterval<?> image, String what) throws ColorizeException {
        int n = image.numDimensions();
        if (n != 2 && n != 3) {
            throw new ColorizeException("The " + what + " has " + n + " dimensions; give XY (one frame) or XYT (a clip), "
                    + "e.g. Views.hyperSlice(image, channelAxis, 0) to pick one channel first.");
        }
        long w = image.dimension(0), h = image.dimension(1), t = n == 3 ? image.dimension(2) : 1;
        if (w * h > Integer.MAX_VALUE / 4 || t > Integer.MAX_VALUE) {
            throw new ColorizeException("The " + what + "'s frames are " + w + "x" + h + "; that is too large for one frame.");
        }
        if (w < 1 || h < 1 || t < 1) {
            throw new ColorizeException("The " + what + " is empty (" + w + "x" + h + "x" + t + ").");
        }
        return new int[] {(int) w, (int) h, (int) t};
    }

    /** Frame t as an XY view with its origin at 0,0. */
    static <T> RandomAccessibleInterval<T> frame(RandomAccessibleInterval<T> image, int t) {
        RandomAccessibleInterval<T> xy = image.numDimensions() == 2 ? image
                : Views.hyperSlice(image, 2, image.min(2) + t);
        return Views.zeroMin(xy);
    }

    /** Refuses an output whose size is not the input's (XY or XYT alike). */
    static void requireSameSize(RandomAccessibleInterval<?> input, RandomAccessibleInterval<?> output) throws ColorizeException {
        int[] in = size(input, "input");
        int[] out = size(output, "output");
        if (in[0] != out[0] || in[1] != out[1] || in[2] != out[2]) {
            throw new ColorizeException("The output is " + out[0] + "x" + out[1] + "x" + out[2] + " but the input is " + in[0] + "x"
                    + in[1] + "x" + in[2] + "; make the output the input's size.");
        }
    }

    /** A new in-memory ARGB image with the input's dimensions. */
    static net.imglib2.img.Img<net.imglib2.type.numeric.ARGBType> argbLike(RandomAccessibleInterval<?> input)
            throws ColorizeException {
        size(input, "input");
        long[] dims = new long[input.numDimensions()];
        input.dimensions(dims);
        return new net.imglib2.img.array.ArrayImgFactory<>(new net.imglib2.type.numeric.ARGBType()).create(dims);
    }
}
