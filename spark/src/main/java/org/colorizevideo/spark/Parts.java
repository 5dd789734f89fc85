package org.colorizevideo.spark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.io.PngWriter;

/**
 * A unit's part: its colour frames as lossless PNG files (named as Colorize Video names written frames)
 * in a hidden folder of the staging area, which the task renames to {@code unit-NNNNN} when the unit is
 * complete. The join reads them back exactly (PNG is lossless), so the final result is the frames one
 * whole run would have made.
 */
final class Parts {

    private Parts() {
    }

    static String name(int unit) {
        return String.format("unit-%05d", unit);
    }

    static Path frame(Path part, LuminanceSource source, int frame) {
        return part.resolve(source.frameName(frame) + ".png");
    }

    /** Frame {@code frame}'s colours from its part: packed 0xRRGGBB. */
    static int[] read(Path png, int width, int height) throws ColorizeException {
        try {
            BufferedImage img = ImageIO.read(png.toFile());
            if (img == null || img.getWidth() != width || img.getHeight() != height) {
                throw new ColorizeException("The part frame " + png + " is damaged; delete its unit folder and run the job again.");
            }
            int[] rgb = img.getRGB(0, 0, width, height, null, 0, width);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xffffff;
            }
            return rgb;
        } catch (IOException e) {
            throw new ColorizeException("The part frame " + png + " cannot be read (" + e.getMessage()
                    + "); delete its unit folder and run the job again.", e);
        }
    }

    /**
     * Writes frames into a part folder under the frame numbers of the clip ({@code offset} is added to the
     * index it is given). Nothing to commit: the task renames the folder.
     */
    static final class Sink implements FrameSink {
        private final Path dir;
        private final LuminanceSource source;
        private final int offset;
        private final PngWriter png = new PngWriter();

        Sink(Path dir, LuminanceSource source, int offset) {
            this.dir = dir;
            this.source = source;
            this.offset = offset;
        }

        @Override
        public void put(int index, int[] rgb, int width, int height) throws ColorizeException {
            Path file = frame(dir, source, offset + index);
            try {
                png.write(rgb, width, height, file);
            } catch (IOException e) {
                throw new ColorizeException("Frame " + (offset + index + 1) + " could not be written to " + file + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void commit() {
        }

        @Override
        public void abort() {
        }
    }

    /** Passes frames on under another number: {@code index - shift}. */
    record Shifted(FrameSink target, int shift) implements FrameSink {
        @Override
        public void put(int index, int[] rgb, int width, int height) throws ColorizeException {
            target.put(index - shift, rgb, width, height);
        }

        @Override
        public void commit() throws ColorizeException {
            target.commit();
        }

        @Override
        public void abort() {
            target.abort();
        }
    }

    /** Frames {@code from} .. {@code from + size - 1} of a source as a clip of their own. */
    record Range(LuminanceSource base, int from, int size) implements LuminanceSource {
        @Override
        public int width() {
            return base.width();
        }

        @Override
        public int height() {
            return base.height();
        }

        @Override
        public String frameName(int index) {
            return base.frameName(from + index);
        }

        @Override
        public float[] luminance(int index) throws ColorizeException {
            return base.luminance(from + index);
        }
    }

    /**
     * The fault-injection test hook: the source of a unit whose task must fail; reading frame {@code failAt}
     * throws, as a lost executor or a crash would end the task with part of its frames written.
     */
    record Failing(LuminanceSource base, int failAt) implements LuminanceSource {
        @Override
        public int size() {
            return base.size();
        }

        @Override
        public int width() {
            return base.width();
        }

        @Override
        public int height() {
            return base.height();
        }

        @Override
        public String frameName(int index) {
            return base.frameName(index);
        }

        @Override
        public float[] luminance(int index) throws ColorizeException {
            if (index == failAt) {
                throw new IllegalStateException("Injected failure (test hook test_fail_unit) at frame " + (index + 1) + ".");
            }
            return base.luminance(index);
        }
    }
}
