package org.colorizevideo.colorize;

import java.util.Locale;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.Lab;
import org.colorizevideo.progress.ProgressListener;

/**
 * Option keep_colour: frames that are already in colour inside a black-and-white film (a colour title
 * card, a tinted scene) leave the run as they came in. Decorates the final sink: for each frame, the
 * input frame's mean chroma (C*ab = sqrt(a*^2 + b*^2), on every second pixel in each direction) is
 * measured, and above {@link #THRESHOLD} the input frame is written instead of the colorized (or
 * refined) one. A gray frame has C*ab 0; video compression of a gray frame adds none (its chroma planes
 * stay neutral); sepia or tinted frames lie around 8 to 20.
 */
public final class KeepColourSink implements FrameSink {

    /** Mean C*ab above which a frame counts as already in colour. */
    public static final double THRESHOLD = 4.0;

    private final FrameSink target;
    private final ColourFrames input;
    private final ProgressListener progress;
    private int kept;

    public KeepColourSink(FrameSink target, ColourFrames input, ProgressListener progress) {
        this.target = target;
        this.input = input;
        this.progress = progress;
    }

    @Override
    public void put(int index, int[] rgb, int width, int height) throws ColorizeException {
        int[] original = input.rgb(index);
        double chroma = meanChroma(original, width, height);
        if (chroma > THRESHOLD) {
            kept++;
            progress.progress(index + 1, -1, String.format(Locale.ROOT, "Frame %d is already in colour (mean chroma %.1f): kept as it is",
                    index + 1, chroma));
            target.put(index, original, width, height);
        } else {
            target.put(index, rgb, width, height);
        }
    }

    /** Frames written as they came in, so far. */
    public int kept() {
        return kept;
    }

    @Override
    public void commit() throws ColorizeException {
        target.commit();
    }

    @Override
    public void abort() {
        target.abort();
    }

    /** Mean C*ab over every second pixel in each direction. */
    public static double meanChroma(int[] rgb, int width, int height) {
        double[] lab = new double[3];
        double sum = 0;
        long n = 0;
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                int c = rgb[y * width + x];
                if (((c >> 16) & 0xff) == ((c >> 8) & 0xff) && ((c >> 8) & 0xff) == (c & 0xff)) {
                    n++; // gray: chroma 0, no conversion needed
                    continue;
                }
                Lab.rgbToLab(c, lab);
                sum += Math.hypot(lab[1], lab[2]);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
