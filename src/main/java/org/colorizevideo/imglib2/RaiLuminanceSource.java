package org.colorizevideo.imglib2;

import java.util.Locale;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.LuminanceSource;

/**
 * An ImgLib2 image (XY: one frame, XYT: a clip) as the engine's source of L* planes. Frames are read
 * when the engine asks for them, one at a time, so a lazily computed or disk-backed image is never
 * loaded whole. Gray levels as ImageJ's converter gives them: values through the {@link GrayRange},
 * 8-bit values exactly as the plugin reads an 8-bit stack (so both give the same colours).
 */
final class RaiLuminanceSource implements LuminanceSource {

    private final RandomAccessibleInterval<? extends RealType<?>> image;
    private final GrayRange range;
    private final int width, height, frames;

    RaiLuminanceSource(RandomAccessibleInterval<? extends RealType<?>> image, GrayRange range) throws ColorizeException {
        this.image = image;
        this.range = range;
        int[] size = Frames.size(image, "input");
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
    public String frameName(int index) {
        return String.format(Locale.ROOT, "%05d", index);
    }

    @Override
    public float[] luminance(int index) throws ColorizeException {
        float[] l = new float[width * height];
        Cursor<? extends RealType<?>> c = Views.flatIterable(Frames.frame(image, index)).cursor();
        boolean levels = range.isGrayLevels();
        double scale = 1.0 / (range.max() - range.min());
        for (int i = 0; i < l.length; i++) {
            double v = c.next().getRealDouble();
            if (Double.isNaN(v)) {
                throw new ColorizeException("Frame " + index + " of the input contains NaN values (the first at x=" + (i % width)
                        + ", y=" + (i / width) + "); replace them before colorizing.");
            }
            if (levels) {
                l[i] = FastLab.grayToL((int) Math.max(0, Math.min(255, Math.round(v))));
            } else {
                l[i] = (float) Lab.grayToL(Math.min(1.0, Math.max(0.0, (v - range.min()) * scale)));
            }
        }
        return l;
    }
}
