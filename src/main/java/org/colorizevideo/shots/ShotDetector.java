package org.colorizevideo.shots;

import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.progress.CancelledException;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * Finds hard cuts from luminance alone, as PySceneDetect's adaptive content detector does with
 * {@code luma_only=True}: each frame's content value is its mean absolute 8-bit luma change from the
 * previous frame ({@link LumaDifference}); a frame starts a new shot when its content value is at least
 * {@code threshold} times the mean of the {@value #WINDOW} frames' values on either side, and at least
 * {@link #MIN_CONTENT}, and at least {@code minShot} frames after the last cut (or the first frame).
 * The ratio, not the raw value, is what tells a cut from fast motion: on the DAVIS clip goat (a running
 * animal, panning camera) the raw value is 25 on average and reaches 32 without any cut, above the plain
 * content detector's default of 27, while the ratio stays below 2 (see BENCHMARKS.md, "Scene cuts").
 */
public final class ShotDetector {

    /** PySceneDetect's defaults: adaptive threshold, window, minimum content value, minimum scene length. */
    public static final double DEFAULT_THRESHOLD = 3.0;
    public static final int WINDOW = 2;
    public static final double MIN_CONTENT = 15.0;
    public static final int DEFAULT_MIN_SHOT = 15;

    private final double threshold;
    private final int minShot;

    /** @param threshold adaptive ratio at which a cut is made (0: no detection, one shot) */
    public ShotDetector(double threshold, int minShot) {
        if (!(threshold >= 0) || threshold > 255) {
            throw new IllegalArgumentException("cut threshold " + threshold + " is outside 0..255");
        }
        if (minShot < 1) {
            throw new IllegalArgumentException("minimum shot length " + minShot + " is below 1");
        }
        this.threshold = threshold;
        this.minShot = minShot;
    }

    public static ShotDetector withDefaults() {
        return new ShotDetector(DEFAULT_THRESHOLD, DEFAULT_MIN_SHOT);
    }

    /** One pass over the source (frames read one at a time), then the cuts. */
    public Shots detect(LuminanceSource source, ProgressListener progress, Cancellation cancel) throws ColorizeException {
        if (threshold == 0) {
            return Shots.single(source.size());
        }
        return shots(contentValues(source, progress, cancel));
    }

    /** Each frame's content value (0 for the first frame). */
    public static double[] contentValues(LuminanceSource source, ProgressListener progress, Cancellation cancel)
            throws ColorizeException {
        int n = source.size();
        double[] values = new double[n];
        LumaDifference diff = new LumaDifference();
        for (int i = 0; i < n; i++) {
            if (cancel.isCancelled()) {
                throw new CancelledException("while looking for scene cuts (frame " + (i + 1) + " of " + n + ")");
            }
            values[i] = diff.next(source.luminance(i), source.width(), source.height());
            if ((i + 1) % 100 == 0 || i + 1 == n) {
                progress.progress(i + 1, n, "Looking for scene cuts: frame " + (i + 1) + "/" + n);
            }
        }
        return values;
    }

    /** The shots that the content values give (frame 0's value is ignored). */
    public Shots shots(double[] values) {
        int n = values.length;
        List<Integer> starts = new ArrayList<>(List.of(0));
        if (threshold > 0) {
            int last = 0;
            for (int t = 1 + WINDOW; t + WINDOW < n; t++) {
                double ratio = ratio(values, t);
                if (ratio >= threshold && values[t] >= MIN_CONTENT && t - last >= minShot) {
                    starts.add(t);
                    last = t;
                }
            }
        }
        return Shots.fromStarts(starts, n);
    }

    /** Frame t's content value over the mean of the WINDOW values on either side (255 when those are 0). */
    public static double ratio(double[] values, int t) {
        double sum = 0;
        for (int k = 1; k <= WINDOW; k++) {
            sum += values[t - k] + values[t + k];
        }
        double mean = sum / (2 * WINDOW);
        return mean < 1e-5 ? 255.0 : values[t] / mean;
    }
}
