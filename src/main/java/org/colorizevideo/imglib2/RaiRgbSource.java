package org.colorizevideo.imglib2;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.dvp.RgbSource;

/** An ARGB image (XY or XYT) as the refinement's per-frame processed clip, read a frame at a time. */
final class RaiRgbSource implements RgbSource {

    private final RandomAccessibleInterval<ARGBType> image;
    private final int width, height, frames;

    RaiRgbSource(RandomAccessibleInterval<ARGBType> image) throws ColorizeException {
        this.image = image;
        int[] size = Frames.size(image, "processed clip");
        this.width = size[0];
        this.height = size[1];
        this.frames = size[2];
    }

    @Override
    public int size() {
        return frames;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int[] rgb(int index) {
        return ArgbCopy.rgb(Frames.frame(image, index), width * height);
    }
}
