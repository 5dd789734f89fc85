package org.colorizevideo.bench;

import java.util.Random;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.dvp.RgbSource;

/**
 * A synthetic clip with known colours and a flickering "per-frame processed" version of it, for testing
 * and measuring temporal refinement. The scene: a textured background drifting to the right, with a
 * smooth colour field, and a disc moving across it in one hue (orange). The gray input is the scene's
 * L* (8-bit gray levels), the truth is the scene in colour, and the processed clip is the truth with
 * two kinds of flicker:
 * <ul>
 * <li>unimodal: every frame's a*, b* are shifted by a random global offset (Gaussian, sd {@code shift});
 * <li>multimodal: in a fraction of the frames (never frame 0) the disc takes another hue (blue), as an
 *     image colorizer that hesitates between two plausible colours does.
 * </ul>
 * Deterministic for a seed.
 */
public final class FlickerClip {

    private static final double A_OBJECT = 35, B_OBJECT = 55, A_OTHER = -10, B_OTHER = -45;

    private final int frames, width, height;
    private final double[] da, db;
    private final boolean[] multimodal;

    public FlickerClip(int frames, int width, int height, long seed, double shift, double multimodalFraction) {
        this.frames = frames;
        this.width = width;
        this.height = height;
        Random random = new Random(seed);
        da = new double[frames];
        db = new double[frames];
        multimodal = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            da[t] = shift * random.nextGaussian();
            db[t] = shift * random.nextGaussian();
            multimodal[t] = t > 0 && random.nextDouble() < multimodalFraction;
        }
    }

    public int size() {
        return frames;
    }

    public boolean multimodal(int t) {
        return multimodal[t];
    }

    /** Whether pixel (x, y) of frame t lies on the disc. */
    public boolean onObject(int t, int x, int y) {
        double cx = width * 0.25 + t * (width * 0.5 / Math.max(1, frames - 1)), cy = height * 0.5;
        double r = Math.min(width, height) * 0.22;
        return (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
    }

    private float l8(int t, int x, int y) {
        double l;
        if (onObject(t, x, y)) {
            l = 62 + 6 * Math.sin((x + y) / 5.0);
        } else {
            double u = x - 1.5 * t;
            l = 45 + 14 * Math.sin(u / 6.0) * Math.cos(y / 8.0) + 10.0 * y / height;
        }
        int g = (int) Math.round(255 * Lab.lToGray(l));
        return FastLab.grayToL(Math.max(0, Math.min(255, g)));
    }

    private double aTruth(int t, int x, int y) {
        return onObject(t, x, y) ? A_OBJECT : -25 + 30.0 * x / width;
    }

    private double bTruth(int t, int x, int y) {
        return onObject(t, x, y) ? B_OBJECT : 20 - 35.0 * y / height;
    }

    public LuminanceSource gray() {
        return new LuminanceSource() {
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
            public float[] luminance(int t) {
                float[] l = new float[width * height];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        l[y * width + x] = l8(t, x, y);
                    }
                }
                return l;
            }
        };
    }

    /** The scene in colour (what a perfect, flicker-free colorization would give). */
    public RgbSource truth() {
        return colours(false);
    }

    /** The flickering per-frame result. */
    public RgbSource processed() {
        return colours(true);
    }

    private RgbSource colours(boolean flicker) {
        return new RgbSource() {
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
            public int[] rgb(int t) {
                int[] px = new int[width * height];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double a = aTruth(t, x, y), b = bTruth(t, x, y);
                        if (flicker) {
                            if (multimodal[t] && onObject(t, x, y)) {
                                a = A_OTHER;
                                b = B_OTHER;
                            }
                            a += da[t];
                            b += db[t];
                        }
                        px[y * width + x] = FastLab.labToRgb(l8(t, x, y), (float) a, (float) b);
                    }
                }
                return px;
            }
        };
    }
}
