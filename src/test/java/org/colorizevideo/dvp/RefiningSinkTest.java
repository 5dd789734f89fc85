package org.colorizevideo.dvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.colorizevideo.CollectedFrames;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.DavisTestClip;
import org.colorizevideo.color.Lab;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/**
 * Refinement shot by shot and in overlapping chunks, on real footage (DAVIS dev clips downscaled to
 * 160x90, fast mode at working scale 0.5, 8 epochs; processed = the true colours with a different
 * global a*b* cast per clip so that leaking colour across a cut shows): shot 2 of a joined clip comes out
 * as shot 2 refined alone (never trained together with shot 1), and a clip refined in chunks has no seam
 * where the chunks meet. Needs ../shared/data (present in CI); skipped without it.
 */
class RefiningSinkTest {

    private static final int W = 160, H = 90;

    private static DvpSettings settings() {
        DvpSettings f = DvpSettings.fast();
        return new DvpSettings(f.mode(), 8, f.lr(), f.width(), f.seed(), false, f.warmup(), 0.5, 2);
    }

    /** The clip's true colours with a*, b* shifted by (da, db). */
    private static List<int[]> cast(DavisTestClip clip, double da, double db) {
        double[] lab = new double[3];
        return clip.truth().stream().map(frame -> {
            int[] out = new int[frame.length];
            for (int p = 0; p < frame.length; p++) {
                Lab.rgbToLab(frame[p], lab);
                out[p] = org.colorizevideo.color.FastLab.labToRgb((float) lab[0], (float) (lab[1] + da), (float) (lab[2] + db));
            }
            return out;
        }).toList();
    }

    private static CollectedFrames refine(DavisTestClip clip, List<int[]> processed, Segmenting seg,
            DeepVideoPrior.Summary[] summary) throws ColorizeException {
        CollectedFrames out = new CollectedFrames();
        summary[0] = new DeepVideoPrior(settings(), seg, ProgressListener.NONE, Cancellation.NEVER)
                .refine(clip.gray(), new Frames(processed, W, H), out);
        assertTrue(out.committed);
        assertEquals(clip.size(), out.frames.size());
        return out;
    }

    /** Mean a*, b* over frames first..first+count-1. */
    private static double[] meanAb(List<int[]> frames, int first, int count) {
        double[] lab = new double[3], sum = new double[2];
        long n = 0;
        for (int t = first; t < first + count; t++) {
            for (int c : frames.get(t)) {
                Lab.rgbToLab(c, lab);
                sum[0] += lab[1];
                sum[1] += lab[2];
                n++;
            }
        }
        return new double[] {sum[0] / n, sum[1] / n};
    }

    @Test
    void eachShotIsRefinedOnItsOwn() throws Exception {
        DavisTestClip a = DavisTestClip.load("blackswan", 20, W, H), b = DavisTestClip.load("kite-surf", 20, W, H);
        DavisTestClip joined = a.then(b);
        List<int[]> pa = cast(a, 25, -20), pb = cast(b, -25, 30);
        List<int[]> processed = new java.util.ArrayList<>(pa);
        processed.addAll(pb);
        DeepVideoPrior.Summary[] s = new DeepVideoPrior.Summary[1];
        CollectedFrames withCuts = refine(joined, processed, Segmenting.defaults(), s);
        assertEquals(2, s[0].shots().size(), "the cut is found");
        assertEquals(20, s[0].shots().get(1).first());
        CollectedFrames alone = refine(b, pb, Segmenting.defaults(), s);
        CollectedFrames noCuts = refine(joined, processed, new Segmenting(0, 15, 300, 15), s);
        assertEquals(1, s[0].shots().size());
        double[] m = meanAb(withCuts.frames, 20, 3), r = meanAb(alone.frames, 0, 3), leak = meanAb(noCuts.frames, 20, 3);
        System.out.printf(Locale.ROOT, "shot 2, first 3 frames, mean a*b*: joined %.2f %.2f, alone %.2f %.2f, without cuts %.2f %.2f%n",
                m[0], m[1], r[0], r[1], leak[0], leak[1]);
        assertTrue(Math.abs(m[0] - r[0]) <= 2 && Math.abs(m[1] - r[1]) <= 2, "shot 2 keeps its own colours");
        assertTrue(Math.abs(leak[0] - r[0]) + Math.abs(leak[1] - r[1]) > Math.abs(m[0] - r[0]) + Math.abs(m[1] - r[1]),
                "refining across the cut would mix the shots' colours");
    }

    @Test
    void longShotsAreRefinedInOverlappingChunksWithoutASeam() throws Exception {
        DavisTestClip clip = DavisTestClip.load("car-roundabout", 36, W, H);
        List<int[]> processed = cast(clip, 10, 10);
        DeepVideoPrior.Summary[] s = new DeepVideoPrior.Summary[1];
        CollectedFrames chunked = refine(clip, processed, new Segmenting(3, 15, 16, 4), s);
        assertEquals(3, s[0].chunks(), "frames 0-15, 12-27, 24-35");
        assertTrue(Arrays.stream(s[0].epochLoss()).allMatch(Double::isFinite));
        // frame-to-frame change of the mean a*b*: where the chunks meet (frames 12-16, 24-28) it must not
        // jump beyond what the clip does elsewhere
        double[] step = new double[clip.size()];
        double[] prev = meanAb(chunked.frames, 0, 1);
        for (int t = 1; t < clip.size(); t++) {
            double[] m = meanAb(chunked.frames, t, 1);
            step[t] = Math.hypot(m[0] - prev[0], m[1] - prev[1]);
            prev = m;
        }
        double seam = Math.max(Arrays.stream(step, 12, 17).max().getAsDouble(), Arrays.stream(step, 24, 29).max().getAsDouble());
        double elsewhere = Math.max(Arrays.stream(step, 1, 12).max().getAsDouble(), Arrays.stream(step, 17, 24).max().getAsDouble());
        System.out.printf(Locale.ROOT, "chunked: largest mean-a*b* step at the seams %.3f, elsewhere %.3f%n", seam, elsewhere);
        // 0.5: a fifth of a just-noticeable colour difference (about 2.3), spread over the overlap
        assertTrue(seam <= Math.max(2 * elsewhere, 0.5), "no jump where the chunks meet: " + seam + " vs " + elsewhere);
        CollectedFrames whole = refine(clip, processed, Segmenting.defaults(), s);
        assertEquals(1, s[0].chunks());
        double[] c = meanAb(chunked.frames, 0, clip.size()), w = meanAb(whole.frames, 0, clip.size());
        assertTrue(Math.abs(c[0] - w[0]) <= 2 && Math.abs(c[1] - w[1]) <= 2, "chunks give the colours of one piece");
    }

    @Test
    void segmentingIsValidated() {
        assertThrows(ColorizeException.class, () -> new Segmenting(3, 15, 20, 10).validated());
        assertThrows(ColorizeException.class, () -> new Segmenting(0.5, 15, 300, 15).validated());
        assertThrows(ColorizeException.class, () -> new Segmenting(3, 0, 300, 15).validated());
        assertThrows(ColorizeException.class, () -> new Segmenting(3, 15, 300, -1).validated());
    }

    /** Frames in memory. */
    record Frames(List<int[]> frames, int width, int height) implements RgbSource {
        public int size() {
            return frames.size();
        }

        public int[] rgb(int index) {
            return frames.get(index);
        }
    }
}
