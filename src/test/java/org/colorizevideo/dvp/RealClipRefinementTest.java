package org.colorizevideo.dvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.CollectedFrames;
import org.colorizevideo.DavisTestClip;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.ColorizationEngine;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.metrics.ClipMeasure;
import org.colorizevideo.metrics.FrameSource;
import org.colorizevideo.metrics.MetricsTable;
import org.colorizevideo.metrics.RgbFrame;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deep Video Prior on a real clip, at a size where libtorch computes the convolutions with oneDNN (the
 * tiny synthetic clips of {@link DeepVideoPriorTest} stay on libtorch's own kernels and never saw the
 * divergence to NaN): the first 16 frames of DAVIS car-roundabout, downscaled 4x to 214x120, as
 * L*-neutral gray; fast mode with its defaults except the working scale 0.5 (107x60, padded 128x64).
 * Two per-frame inputs: (a) the bundled default model's colorization, (b) the ground truth with synthetic
 * flicker (per-frame global a*b* shift, sd 8; a quarter-frame region with a*b* negated in 30 % of the
 * frames). Each must train to a finite loss, give frames that are not black, and lower the warp error.
 * Needs ../shared/data (present in CI); skipped without it.
 */
class RealClipRefinementTest {

    static final int FRAMES = 16, WIDTH = 214, HEIGHT = 120;

    static List<int[]> truth;
    static float[][] lightness;
    static List<int[]> grayRgb;
    static LuminanceSource gray;

    @BeforeAll
    static void loadClip() throws Exception {
        DavisTestClip clip = DavisTestClip.load("car-roundabout", FRAMES, WIDTH, HEIGHT);
        truth = clip.truth();
        lightness = clip.lightness();
        grayRgb = clip.grayRgb();
        gray = clip.gray();
    }

    /** Frames in memory, as refinement reads them (RgbSource) and as Colorize Measure reads them (FrameSource). */
    record Clip(List<int[]> frames) implements RgbSource, FrameSource {
        public int size() {
            return frames.size();
        }

        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }

        public int[] rgb(int index) {
            return frames.get(index);
        }

        public RgbFrame frame(int index) {
            return new RgbFrame(WIDTH, HEIGHT, frames.get(index));
        }

        public String description() {
            return "car-roundabout (test)";
        }
    }

    /** (a): the bundled default model, frame by frame. */
    static List<int[]> automatic() throws ColorizeException {
        CollectedFrames out = new CollectedFrames();
        new ColorizationEngine(ColorizeSettings.defaults(), ModelLocator.standard(), ProgressListener.NONE,
                Cancellation.NEVER).process(gray, out);
        assertTrue(out.committed);
        return out.frames;
    }

    /** (b): the truth with synthetic flicker (as tools/make_flicker.py, in Java, seeded). */
    static List<int[]> flicker() {
        Random random = new Random(5);
        List<int[]> out = new ArrayList<>();
        double[] lab = new double[3];
        for (int[] frame : truth) {
            double da = 8 * random.nextGaussian(), db = 8 * random.nextGaussian();
            boolean flip = random.nextDouble() < 0.3;
            int x0 = random.nextInt(WIDTH - WIDTH / 2 + 1), y0 = random.nextInt(HEIGHT - HEIGHT / 2 + 1);
            int[] rgb = new int[frame.length];
            for (int p = 0; p < frame.length; p++) {
                Lab.rgbToLab(frame[p], lab);
                int x = p % WIDTH, y = p / WIDTH;
                double sign = flip && x >= x0 && x < x0 + WIDTH / 2 && y >= y0 && y < y0 + HEIGHT / 2 ? -1 : 1;
                rgb[p] = FastLab.labToRgb((float) lab[0], (float) (sign * (lab[1] + da)), (float) (sign * (lab[2] + db)));
            }
            out.add(rgb);
        }
        return out;
    }

    static double warpError(List<int[]> frames) throws ColorizeException {
        MetricsTable table = ClipMeasure.measure(new Clip(frames), null, new Clip(grayRgb),
                ClipMeasure.Settings.defaults(), ProgressListener.NONE, Cancellation.NEVER);
        return table.summary(MetricsTable.WARP);
    }

    static void refinesWithoutDiverging(String name, List<int[]> processed) throws Exception {
        DvpSettings fast = DvpSettings.fast();
        DvpSettings settings = new DvpSettings(fast.mode(), fast.epochs(), fast.lr(), fast.width(), fast.seed(), false,
                fast.warmup(), 0.5, fast.decay());
        CollectedFrames out = new CollectedFrames();
        DeepVideoPrior.Summary summary = new DeepVideoPrior(settings, ProgressListener.NONE, Cancellation.NEVER)
                .refine(gray, new Clip(processed), out);
        assertTrue(out.committed);
        assertEquals(128, summary.padWidth(), "the working frames must be large enough for oneDNN");
        assertTrue(Arrays.stream(summary.epochLoss()).allMatch(Double::isFinite),
                name + ": every epoch's loss is finite: " + Arrays.toString(summary.epochLoss()));
        double meanLevel = 0, chroma = 0;
        double[] lab = new double[3];
        for (int[] frame : out.frames) {
            for (int c : frame) {
                meanLevel += ((c >> 16 & 0xff) + (c >> 8 & 0xff) + (c & 0xff)) / 3.0;
                Lab.rgbToLab(c, lab);
                chroma += Math.hypot(lab[1], lab[2]);
            }
        }
        int pixels = FRAMES * WIDTH * HEIGHT;
        meanLevel /= pixels;
        chroma /= pixels;
        double weIn = warpError(processed), weOut = warpError(out.frames);
        System.out.printf(Locale.ROOT, "%s: mean level %.1f, mean chroma %.2f, warp error in %.6f out %.6f, losses %s%n",
                name, meanLevel, chroma, weIn, weOut, Arrays.toString(summary.epochLoss()));
        assertTrue(meanLevel > 40, name + ": the refined frames are not black (mean level " + meanLevel + ")");
        assertTrue(chroma > 2, name + ": the refined frames keep colour (mean chroma " + chroma + ")");
        assertTrue(weOut < weIn, name + ": warp error " + weOut + " after refinement, " + weIn + " before");
    }

    @Test
    void theDefaultModelsPerFrameColorizationIsRefined() throws Exception {
        refinesWithoutDiverging("automatic", automatic());
    }

    @Test
    void aSyntheticFlickerOfTheTruthIsRefined() throws Exception {
        refinesWithoutDiverging("flicker", flicker());
    }
}
