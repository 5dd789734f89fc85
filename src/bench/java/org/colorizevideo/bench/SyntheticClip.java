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
        byte[] gray = gray(index);
        float[] l = new float[gray.length];
        for (int p = 0; p < gray.length; p++) {
            l[p] = FastLab.grayToL(gray[p] & 0xff);
        }
        return l;
    }

    /** Frame index as 8-bit gray levels, row-major. */
    byte[] gray(int index) {
        byte[] g8 = new byte[width * height];
        double cx = (index * 7) % width, cy = height / 2.0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double g = 40 + 150.0 * x / width + 40 * Math.sin((y + index) / 23.0);
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < 60 * 60) {
                    g = 225;
                }
                g8[y * width + x] = (byte) (int) Math.max(0, Math.min(255, g));
            }
        }
        return g8;
    }

    /** Writes the clip as 8-bit gray PNGs (frame_00001.png, ...) into folder: an input on disk. */
    void writePngs(java.nio.file.Path folder) throws java.io.IOException {
        java.nio.file.Files.createDirectories(folder);
        for (int i = 0; i < frames; i++) {
            java.awt.image.BufferedImage im = new java.awt.image.BufferedImage(width, height,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            im.getRaster().setDataElements(0, 0, width, height, gray(i));
            javax.imageio.ImageIO.write(im, "png", folder.resolve(frameName(i) + ".png").toFile());
        }
    }
}
