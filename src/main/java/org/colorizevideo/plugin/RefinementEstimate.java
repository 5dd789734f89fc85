package org.colorizevideo.plugin;

import ij.Prefs;
import java.util.Locale;
import org.colorizevideo.dvp.DeepVideoPrior;
import org.colorizevideo.dvp.DvpSettings;

/**
 * How long Deep Video Prior will train, shown in the Temporal Refinement dialog before a run that may
 * take hours. Training time is nearly proportional to epochs x frames x working pixels (one step per
 * frame, a fully convolutional network), so one rate per mode predicts it: seconds per frame-step per
 * padded working pixel. Each run in the GUI stores the rate it measured (Prefs), so from the second run
 * on the estimate is this machine's own; before that it is the rate measured on the project's 2-core
 * reference machine (BENCHMARKS.md, section "Colorize Temporal Refinement"), and the dialog says so.
 */
final class RefinementEstimate {

    /** Fast mode on goat, 90 frames, padded 224x128: 8.5 s per epoch on 2 idle cores. */
    static final double REFERENCE_FAST = 8.5 / (90.0 * 224 * 128);
    /** Faithful mode on goat, 90 frames, padded 864x480: 757 s per epoch on 2 cores. */
    static final double REFERENCE_FAITHFUL = 757.0 / (90.0 * 864 * 480);

    private static final String KEY = "colorize.dvp.seconds_per_pixel_step.";

    private RefinementEstimate() {
    }

    /** The sentence for the dialog, or null when the clip's size is not known. */
    static String sentence(int frames, int width, int height, DvpSettings settings) {
        if (frames <= 0 || width <= 0 || height <= 0) {
            return null;
        }
        double measured = Prefs.get(KEY + settings.mode().name(), 0);
        double rate = measured > 0 ? measured : reference(settings.mode());
        double seconds = rate * settings.epochs() * frames * padded(width, settings.scale()) * padded(height, settings.scale())
                * widthFactor(settings);
        return String.format(Locale.ROOT, "Estimated training time: %s for %d frames x %d epochs (%s)", duration(seconds), frames,
                settings.epochs(), measured > 0 ? "measured on this computer" : "from a 2-core reference machine; "
                        + "after one run, from this computer");
    }

    /** Stores the rate a finished run measured, for the next estimate. */
    static void remember(DeepVideoPrior.Summary s) {
        double steps = (double) s.settings().epochs() * s.frames() * s.padWidth() * s.padHeight();
        if (steps > 0 && s.trainSeconds() > 0) {
            Prefs.set(KEY + s.settings().mode().name(), s.trainSeconds() / steps / widthFactor(s.settings()));
        }
    }

    static double reference(DvpSettings.Mode mode) {
        return mode == DvpSettings.Mode.FAST ? REFERENCE_FAST : REFERENCE_FAITHFUL;
    }

    /** The network's cost grows with the square of its width (channels in and out of each convolution). */
    private static double widthFactor(DvpSettings s) {
        double base = s.mode() == DvpSettings.Mode.FAST ? 16 : 32;
        return (s.width() / base) * (s.width() / base);
    }

    private static int padded(int size, double scale) {
        int work = Math.max(1, (int) Math.round(size * scale));
        return (work + 15) / 16 * 16;
    }

    static String duration(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "about %.0f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "about %.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "about %.1f h", seconds / 3600);
    }
}
