package org.colorizevideo.exemplar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.colorizevideo.CollectedFrames;
import org.colorizevideo.DavisTestClip;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.ColorizationEngine;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.metrics.RgbFrame;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled exemplar model through Colorize Video's engine on a real clip: the first 12 frames of DAVIS
 * goat at 427x240 as L*-neutral gray, the reference = the clip's first colour frame. The colours must come
 * from the reference (PSNR on frames 2..12 well above the gray input's), the first frame, the reference's
 * own, must keep the reference's colours, and with two keyframes, the second
 * recoloured on purpose (its a*b* negated), the frames from the second keyframe on must follow it.
 * Needs ../shared/data (present in CI); skipped without it.
 */
class ExemplarVideoTest {

    static final int FRAMES = 12, WIDTH = 427, HEIGHT = 240;

    static DavisTestClip clip;
    static List<int[]> truth;

    @BeforeAll
    static void loadClip() throws Exception {
        clip = DavisTestClip.load("goat", FRAMES, WIDTH, HEIGHT);
        truth = clip.truth();
    }

    /** Colorize Video's engine with the bundled exemplar model and these keyframes. */
    static List<int[]> run(Keyframes keys) throws Exception {
        ColorizeSettings settings = new ColorizeSettings("", Double.NaN, DeviceChoice.CPU, 1, null,
                ExemplarSettings.of(keys, ""));
        CollectedFrames sink = new CollectedFrames();
        new ColorizationEngine(settings, ModelLocator.standard(), ProgressListener.NONE, Cancellation.NEVER).process(clip.gray(), sink);
        assertEquals(FRAMES, sink.frames.size());
        return sink.frames;
    }

    static RgbFrame frame(int t) {
        return new RgbFrame(WIDTH, HEIGHT, truth.get(t));
    }

    /** Frame t with its a*b* negated: the same scene "recoloured on purpose" (green for magenta, blue for yellow). */
    static int[] recoloured(int t) {
        int[] rgb = truth.get(t), out = new int[rgb.length];
        double[] lab = new double[3];
        for (int p = 0; p < rgb.length; p++) {
            Lab.rgbToLab(rgb[p], lab);
            out[p] = org.colorizevideo.color.FastLab.labToRgb((float) lab[0], (float) -lab[1], (float) -lab[2]);
        }
        return out;
    }

    static double psnr(int[] a, int[] b) {
        double se = 0;
        for (int p = 0; p < a.length; p++) {
            for (int s = 0; s < 24; s += 8) {
                double d = ((a[p] >> s) & 0xff) - ((b[p] >> s) & 0xff);
                se += d * d;
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / (3.0 * a.length)));
    }

    /** Mean a* and b* of a frame. */
    static double[] meanAb(int[] rgb) {
        double[] lab = new double[3], m = new double[2];
        for (int p : rgb) {
            Lab.rgbToLab(p, lab);
            m[0] += lab[1];
            m[1] += lab[2];
        }
        m[0] /= rgb.length;
        m[1] /= rgb.length;
        return m;
    }

    @Test
    void theColoursComeFromTheReference() throws Exception {
        List<int[]> out = run(Keyframes.single("goat frame 0", frame(0)));
        double exemplar = 0, gray = 0;
        for (int t = 1; t < FRAMES; t++) {
            exemplar += psnr(out.get(t), truth.get(t)) / (FRAMES - 1);
            int[] g = new int[WIDTH * HEIGHT];
            for (int p = 0; p < g.length; p++) {
                g[p] = org.colorizevideo.color.FastLab.labToRgb(clip.lightness()[t][p], 0f, 0f);
            }
            gray += psnr(g, truth.get(t)) / (FRAMES - 1);
        }
        System.out.printf("%s on goat 427x240, frames 2..%d: PSNR %.2f dB (gray input %.2f dB)%n", ExemplarSettings.DEFAULT_MODEL, FRAMES,
                exemplar, gray);
        assertTrue(exemplar > gray + 3, "PSNR " + exemplar + " vs gray " + gray);
        double own = psnr(out.get(0), truth.get(0));
        System.out.printf("frame 1, the reference's own: PSNR %.2f dB%n", own);
        assertTrue(own > 40, "the reference's own frame must keep the reference's colours: PSNR " + own);
    }

    @Test
    void aClipWithTwoKeyframesFollowsTheSecondFromItsFrameOn() throws Exception {
        int half = FRAMES / 2;
        Keyframes keys = Keyframes.of(List.of(new Keyframes.Keyframe(0, "frame 0", () -> frame(0)),
                new Keyframes.Keyframe(half, "frame " + half + " recoloured", () -> new RgbFrame(WIDTH, HEIGHT, recoloured(half)))));
        List<int[]> out = run(keys);
        for (int t = 1; t < FRAMES; t++) {
            double[] got = meanAb(out.get(t)), asTruth = meanAb(truth.get(t)), asRecoloured = meanAb(recoloured(t));
            double toTruth = Math.hypot(got[0] - asTruth[0], got[1] - asTruth[1]);
            double toRecoloured = Math.hypot(got[0] - asRecoloured[0], got[1] - asRecoloured[1]);
            System.out.printf("frame %d: mean ab %.1f %.1f, distance to the truth's %.1f, to the recoloured %.1f%n", t + 1, got[0],
                    got[1], toTruth, toRecoloured);
            if (t < half) {
                assertTrue(toTruth < toRecoloured, "frame " + (t + 1) + " must keep the first keyframe's colours");
            } else {
                assertTrue(toRecoloured < toTruth, "frame " + (t + 1) + " must follow the recoloured second keyframe");
            }
        }
    }
}
