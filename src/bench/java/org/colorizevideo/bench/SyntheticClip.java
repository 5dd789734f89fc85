package org.colorizevideo.bench;

import org.colorizevideo.color.FastLab;
import org.colorizevideo.colorize.LuminanceSource;

/**
 * A gray clip generated on demand (moving gradients and a disc), so that any number of frames can be
 * streamed without a file on disk: what the benchmark uses to show that memory stays flat.
 */
final class SyntheticClip implements LuminanceSource {

    private final int frames, width, height;

    SyntheticClip(int frames, int width, int height) {
        this.frames = frames;
        this.width = width;
        this.height = height;
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
        return String.format("frame_%05d", index + 1);
    }

    @Override
    public float[] luminance(int index) {
        float[] l = new float[width * height];
        double cx = (index * 7) % width, cy = height / 2.0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double g = 40 + 150.0 * x / width + 40 * Math.sin((y + index) / 23.0);
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < 60 * 60) {
                    g = 225;
                }
                l[y * width + x] = FastLab.grayToL((int) Math.max(0, Math.min(255, g)));
            }
        }
        return l;
    }
}
