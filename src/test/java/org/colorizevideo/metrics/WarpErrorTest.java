package org.colorizevideo.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.colorizevideo.flow.FloFile;
import org.colorizevideo.flow.FlowField;
import org.colorizevideo.flow.GrayFrames;
import org.colorizevideo.flow.OpenCvFlow;
import org.junit.jupiter.api.Test;

/**
 * Warp error against the independent NumPy implementation in test-data/scripts/make_warp_fixtures.py,
 * on a synthetic clip with exactly known two-layer motion (rotation + sub-pixel translation, and a
 * foreground square that occludes).
 */
class WarpErrorTest {

    static Path dir() {
        return Path.of(System.getProperty("colorize.projectDir", System.getProperty("user.dir")), "test-data", "warp");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> reference() throws IOException {
        return (Map<String, Object>) MiniJson.parse(Files.readString(dir().resolve("reference.json")));
    }

    static RgbFrame frame(String clip, int t) {
        return Fixtures.loadFrom(dir().resolve(clip).resolve(String.format("%05d.png", t)));
    }

    static FlowField flow(String kind, int t) throws IOException {
        return FloFile.read(dir().resolve("flow").resolve(String.format("%s_%05d.flo", kind, t)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void groundTruthFlowMatchesNumPy() throws IOException {
        Map<String, Object> ref = reference();
        List<Map<String, Object>> pairs = (List<Map<String, Object>>) ref.get("pairs");
        double[] errors = new double[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            Map<String, Object> p = pairs.get(k);
            int t = k + 1;
            FlowField fw = flow("fw", t - 1);
            FlowField bw = flow("bw", t - 1);
            WarpError.Pair pair = WarpError.pair(frame("result", t - 1), frame("result", t), fw, bw);
            assertEquals(Fixtures.num(p, "warp_error"), pair.error(), 1e-12, "pair " + k);
            assertEquals((int) Fixtures.num(p, "non_occluded"), pair.nonOccluded(), "non-occluded pixels, pair " + k);
            boolean[] occ = WarpError.occlusion(fw, bw);
            int occluded = 0;
            for (boolean o : occ) {
                occluded += o ? 1 : 0;
            }
            assertEquals(occ.length - (int) Fixtures.num(p, "non_occluded"), occluded);
            // The colour ground truth itself, warped with the true flow: only interpolation error remains.
            WarpError.Pair truth = WarpError.pair(frame("reference", t - 1), frame("reference", t), fw, bw);
            assertEquals(Fixtures.num(p, "warp_error_reference_clip"), truth.error(), 1e-12);
            errors[k] = pair.error();
        }
        double mean = WarpError.mean(errors);
        double expected = Fixtures.num(ref, "warp_error_mean");
        System.out.printf("warp error, ground-truth flow: Java %.12g, NumPy %.12g, |diff| %.3g%n", mean, expected,
                Math.abs(mean - expected));
        assertEquals(expected, mean, 1e-6);
        assertEquals(expected, mean, 1e-12 * Math.max(1, expected));
    }

    @Test
    @SuppressWarnings("unchecked")
    void estimatedFlowIsCloseAndTheGapIsReported() throws IOException {
        Map<String, Object> ref = reference();
        int frames = (int) Fixtures.num(ref, "frames");
        double[] errors = new double[frames - 1];
        double epe = 0;
        try (OpenCvFlow dis = new OpenCvFlow(OpenCvFlow.DEFAULT)) {
            for (int t = 1; t < frames; t++) {
                RgbFrame a = frame("input", t - 1);
                RgbFrame b = frame("input", t);
                byte[] ga = GrayFrames.luma(a.pixels());
                byte[] gb = GrayFrames.luma(b.pixels());
                FlowField fw = dis.compute(ga, gb, a.width(), a.height());
                FlowField bw = dis.compute(gb, ga, a.width(), a.height());
                epe += fw.endPointError(flow("fw", t - 1)) / (frames - 1);
                errors[t - 1] = WarpError.pair(frame("result", t - 1), frame("result", t), fw, bw).error();
            }
        }
        double estimated = WarpError.mean(errors);
        double truth = Fixtures.num(ref, "warp_error_mean");
        System.out.printf("warp error, %s flow: %.6g vs ground-truth flow %.6g (gap %+.3g, %+.1f%%); forward EPE %.3f px%n",
                OpenCvFlow.DEFAULT.id, estimated, truth, estimated - truth, 100 * (estimated - truth) / truth, epe);
        assertTrue(Math.abs(estimated - truth) < 0.5 * truth, "estimated-flow warp error far from the truth: " + estimated);
    }

    @Test
    void theFinePresetIsAtLeastAsCloseToTheTrueFlowAsTheMediumOne() throws IOException {
        int frames = (int) Fixtures.num(reference(), "frames");
        double medium = 0;
        double fine = 0;
        try (OpenCvFlow m = new OpenCvFlow(OpenCvFlow.Method.DIS_MEDIUM); OpenCvFlow f = new OpenCvFlow(OpenCvFlow.Method.DIS_FINE)) {
            for (int t = 1; t < frames; t++) {
                RgbFrame a = frame("input", t - 1);
                byte[] ga = GrayFrames.luma(a.pixels());
                byte[] gb = GrayFrames.luma(frame("input", t).pixels());
                FlowField truth = flow("fw", t - 1);
                medium += m.compute(ga, gb, a.width(), a.height()).endPointError(truth) / (frames - 1);
                fine += f.compute(ga, gb, a.width(), a.height()).endPointError(truth) / (frames - 1);
            }
        }
        System.out.printf("forward EPE on the fixture: dis-medium %.4f px, dis-fine %.4f px%n", medium, fine);
        assertEquals(OpenCvFlow.Method.DIS_FINE, OpenCvFlow.Method.parse("DIS-fine"));
        assertTrue(fine <= medium, "dis-fine's EPE " + fine + " above dis-medium's " + medium);
    }

    @Test
    void identicalFramesWithZeroFlowHaveNoError() {
        RgbFrame f = frame("result", 2);
        FlowField zero = FlowField.zero(f.width(), f.height());
        WarpError.Pair p = WarpError.pair(f, f, zero, zero);
        assertEquals(0.0, p.error());
        assertEquals(f.width() * f.height(), p.nonOccluded());
    }

    @Test
    void warpingClampsToTheBorderAndInterpolatesBilinearly() {
        // 3x2 field with u = x + 10 y; sample at (x + 0.25, y + 0.5), and far outside the frame.
        FlowField field = new FlowField(3, 2, new float[] {0, 1, 2, 10, 11, 12}, new float[6]);
        FlowField by = new FlowField(3, 2, new float[] {0.25f, 0.25f, 0.25f, -5f, 0.25f, 7f},
                new float[] {0.5f, 0.5f, 0.5f, 0f, -0.5f, 3f});
        FlowField w = WarpError.warp(field, by);
        assertArrayEquals(new float[] {5.25f, 6.25f, 7f, 10f, 6.25f, 12f}, w.u(), 1e-6f);
    }

    @Test
    void everyPixelOccludedGivesZeroLikeTheAuthors() {
        RgbFrame a = frame("result", 0);
        RgbFrame b = frame("result", 1);
        int n = a.width() * a.height();
        float[] big = new float[n];
        java.util.Arrays.fill(big, 500f); // lands outside the frame: inconsistent everywhere
        FlowField fw = new FlowField(a.width(), a.height(), big, new float[n]);
        WarpError.Pair p = WarpError.pair(a, b, fw, fw);
        assertEquals(0, p.nonOccluded());
        assertEquals(0.0, p.error());
    }
}
