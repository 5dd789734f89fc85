package org.colorizevideo.exemplar;

import static org.colorizevideo.exemplar.ExemplarManifest.HEIGHT;
import static org.colorizevideo.exemplar.ExemplarManifest.WIDTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.colorizevideo.flow.FlowField;
import org.colorizevideo.flow.OpenCvFlow;
import org.junit.jupiter.api.Test;

/**
 * The gated copy redone at the frame's size (models with "frameCopy"): with the gate at 1 the output is the
 * previous output moved by the motion at the frame's full resolution (fine colour detail kept, which a trip
 * through 216x384 loses); with the gate at 0 it is the net's own ab brought up; after a restart, the graph's ab.
 */
class FrameSizeCopyTest {

    static final int W = 640, H = 360, PLANE = HEIGHT * WIDTH;

    /**
     * A scene of 400 small random blobs (radius 1.5-4 px, fixed seed; L* and a*b* of their own) shifted by
     * (dx, dy): L*, a*, b* planes at W x H. Small blobs: colour detail finer than the network's 216x384.
     */
    static float[][] scene(double dx, double dy) {
        Random r = new Random(11);
        int n = 400;
        double[][] blobs = new double[n][];
        for (int k = 0; k < n; k++) {
            blobs[k] = new double[] {r.nextDouble() * W, r.nextDouble() * H, 1.5 + 2.5 * r.nextDouble(),
                    60 * r.nextDouble() - 30, 100 * r.nextDouble() - 50, 100 * r.nextDouble() - 50};
        }
        float[][] lab = new float[3][W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double u = x - dx, v = y - dy;
                int i = y * W + x;
                lab[0][i] = 50;
                for (double[] b : blobs) {
                    double d2 = (u - b[0]) * (u - b[0]) + (v - b[1]) * (v - b[1]);
                    if (d2 < 36 * b[2] * b[2]) {
                        double g = Math.exp(-d2 / (2 * b[2] * b[2]));
                        for (int c = 0; c < 3; c++) {
                            lab[c][i] += (float) (g * b[3 + c]);
                        }
                    }
                }
                lab[0][i] = Math.max(5f, Math.min(95f, lab[0][i]));
            }
        }
        return lab;
    }

    static ExemplarModel.Step step(float[] ab, float[] abNet, float gate) {
        float[] g = new float[PLANE];
        Arrays.fill(g, gate);
        return new ExemplarModel.Step(ab, new float[PLANE], abNet, g);
    }

    static double abError(float[] a, float[] b, float[][] truth, int margin) {
        double sum = 0;
        int n = 0;
        for (int y = margin; y < H - margin; y++) {
            for (int x = margin; x < W - margin; x++) {
                int i = y * W + x;
                sum += Math.abs(a[i] - truth[1][i]) + Math.abs(b[i] - truth[2][i]);
                n += 2;
            }
        }
        return sum / n;
    }

    /** The a*b* planes of a scene at the network's size (the x0.5 of the stretch to 432x768, as DevcLoop does for L). */
    static float[] atNetworkSize(float[][] lab, CenterPad pad) {
        float[] out = new float[2 * PLANE];
        for (int c = 1; c <= 2; c++) {
            float[] plane = new float[4 * PLANE];
            for (int y = 0; y < 2 * HEIGHT; y++) {
                for (int x = 0; x < 2 * WIDTH; x++) {
                    plane[y * 2 * WIDTH + x] = lab[c][Math.min(H - 1, y * H / (2 * HEIGHT)) * W + Math.min(W - 1, x * W / (2 * WIDTH))];
                }
            }
            DevcLoop.halve(plane, 0, out, (c - 1) * PLANE);
        }
        return out;
    }

    @Test
    void withTheGateOpenTheMovedPreviousOutputKeepsItsFullResolution() {
        float[][] previous = scene(0, 0), current = scene(4, -3);
        CenterPad pad = new CenterPad(W, H, true);
        DevcLoop.BackToFrame back = new DevcLoop.BackToFrame(pad);
        float[] zeros = new float[2 * PLANE];
        try (FrameSizeCopy copy = new FrameSizeCopy(OpenCvFlow.Method.DIS_MEDIUM, 1, Double.NaN)) {
            copy.seed(previous[0], previous[1], previous[2], W, H);
            float[][] out = copy.apply(current[0], W, H, step(zeros, zeros, 1f), back);
            double unmoved = abError(previous[1], previous[2], current, 16);
            double moved = abError(out[0], out[1], current, 16);
            // the same motion carried at 216x384 and brought up: what the graph's own ab could hold at best
            float[] small = atNetworkSize(current, pad);
            double throughNetworkSize = abError(back.apply(small, 0, 1f), back.apply(small, PLANE, 1f), current, 16);
            System.out.printf("a*b* error: unmoved %.3f, moved at the frame's size %.3f, the truth through 216x384 %.3f%n", unmoved, moved,
                    throughNetworkSize);
            assertTrue(unmoved > 1.0, "the test scene must move visibly: " + unmoved);
            assertTrue(moved < 0.25 * unmoved, "moved " + moved + " vs unmoved " + unmoved);
            assertTrue(moved < 0.5 * throughNetworkSize, "moved " + moved + " vs the truth through 216x384 " + throughNetworkSize);
        }
    }

    @Test
    void withTheGateClosedTheOutputIsTheNetsOwnAbAndARestartForgetsThePrevious() {
        float[][] previous = scene(0, 0), current = scene(2, 1);
        DevcLoop.BackToFrame back = new DevcLoop.BackToFrame(new CenterPad(W, H, true));
        float[] abNet = new float[2 * PLANE], ab = new float[2 * PLANE];
        for (int i = 0; i < abNet.length; i++) {
            abNet[i] = (float) Math.sin(i * 0.001) * 40;
            ab[i] = (float) Math.cos(i * 0.002) * 30;
        }
        try (FrameSizeCopy copy = new FrameSizeCopy(OpenCvFlow.Method.DIS_MEDIUM, 1, Double.NaN)) {
            copy.seed(previous[0], previous[1], previous[2], W, H);
            float[][] closed = copy.apply(current[0], W, H, step(ab, abNet, 0f), back);
            assertArrayEquals(back.apply(abNet, 0, 1f), closed[0], 1e-4f);
            assertArrayEquals(back.apply(abNet, PLANE, 1f), closed[1], 1e-4f);
            copy.reset();
            float[][] first = copy.apply(current[0], W, H, step(ab, abNet, 1f), back);
            assertArrayEquals(back.apply(ab, 0, 1f), first[0], 0f);
            assertArrayEquals(back.apply(ab, PLANE, 1f), first[1], 0f);
        }
    }

    @Test
    void trustRaisesTheNetsShareToItsPower() {
        float[][] previous = scene(0, 0), current = scene(0, 0);
        DevcLoop.BackToFrame back = new DevcLoop.BackToFrame(new CenterPad(W, H, true));
        float[] abNet = new float[2 * PLANE];
        Arrays.fill(abNet, 20f);
        for (double trust : new double[] {1, 3}) {
            try (FrameSizeCopy copy = new FrameSizeCopy(OpenCvFlow.Method.DIS_MEDIUM, trust, Double.NaN)) {
                copy.seed(previous[0], previous[1], previous[2], W, H);
                float[][] out = copy.apply(current[0], W, H, step(new float[2 * PLANE], abNet, 0.5f), back);
                // no motion: out = 20 + g' (previous - 20) with g' = 1 - 0.5^trust (0.5 at trust 1, 0.875 at 3)
                double expected = 1 - Math.pow(0.5, trust);
                double mean = 0;
                int n = 0;
                for (int k = 0; k < out[0].length; k++) {
                    if (Math.abs(previous[1][k] - 20) > 5) {
                        mean += (out[0][k] - 20) / (previous[1][k] - 20);
                        n++;
                    }
                }
                mean /= n;
                assertEquals(expected, mean, 0.01, "mean share of the previous output at trust " + trust);
            }
        }
    }

    @Test
    void whereTheFlowFailsItsForwardBackwardCheckTheUnmatchedTrustApplies() {
        // the scene moves 3 px right: the flow is consistent everywhere, so trust 3 applies (g' = 0.875 at g 0.5)
        // and an unmatched trust of 0 (no copy) changes nothing there
        float[][] previous = scene(0, 0), current = scene(3, 0);
        DevcLoop.BackToFrame back = new DevcLoop.BackToFrame(new CenterPad(W, H, true));
        float[] abNet = new float[2 * PLANE];
        Arrays.fill(abNet, 20f);
        float[][] checked;
        float[][] unchecked;
        try (FrameSizeCopy copy = new FrameSizeCopy(OpenCvFlow.Method.DIS_MEDIUM, 3, 0)) {
            copy.seed(previous[0], previous[1], previous[2], W, H);
            checked = copy.apply(current[0], W, H, step(new float[2 * PLANE], abNet, 0.5f), back);
        }
        try (FrameSizeCopy copy = new FrameSizeCopy(OpenCvFlow.Method.DIS_MEDIUM, 3, Double.NaN)) {
            copy.seed(previous[0], previous[1], previous[2], W, H);
            unchecked = copy.apply(current[0], W, H, step(new float[2 * PLANE], abNet, 0.5f), back);
        }
        int same = 0;
        for (int k = 0; k < checked[0].length; k++) {
            same += Math.abs(checked[0][k] - unchecked[0][k]) < 1e-3 ? 1 : 0;
        }
        assertTrue(same > 0.97 * checked[0].length, same + " of " + checked[0].length + " pixels as without the check");
    }

    @Test
    void forwardBackwardCheckFindsWhereTheFlowDoesNotComeBack() {
        int w = 40, h = 30, n = w * h;
        float[] u = new float[n], v = new float[n], bu = new float[n], bv = new float[n];
        Arrays.fill(u, 3f);
        Arrays.fill(v, -1f);
        Arrays.fill(bu, -3f);
        Arrays.fill(bv, 1f);
        // the way back misses by 2 px in a block around (20, 10) of the second frame: those that land there fail
        for (int y = 5; y < 15; y++) {
            for (int x = 15; x < 25; x++) {
                bu[y * w + x] = -1f;
            }
        }
        boolean[] ok = ForwardBackward.consistent(new FlowField(w, h, u, v),
                new FlowField(w, h, bu, bv));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w - 4; x++) {
                // x + 3, y - 1 lands inside the block (with a 1 px bilinear margin): |(3,-1) + (-1,1)|^2 = 4 > 0.01 * 12 + 0.5
                int lx = x + 3, ly = y - 1;
                boolean inside = lx >= 15 && lx <= 23 && ly >= 5 && ly <= 13;
                boolean outside = lx < 14 || lx > 24 || ly < 4 || ly > 14;
                if (inside) {
                    assertTrue(!ok[y * w + x], "(" + x + ", " + y + ") lands in the block");
                } else if (outside) {
                    assertTrue(ok[y * w + x], "(" + x + ", " + y + ") lands outside it");
                }
            }
        }
    }

    @Test
    void aBadTrustOrMissingOutputsAreRefused() throws Exception {
        String name = ExemplarSettings.DEFAULT_MODEL;
        ExemplarManifest m = ExemplarManifest.read(Path.of("models", name + ".json"));
        m.frameCopy = "dis-medium";
        m.frameCopyTrust = -2.0;
        List<String> problems = ExemplarManifestValidator.checkManifest(name, m, Path.of("models"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("frameCopyTrust -2.0") && p.contains("positive")), problems.toString());
        m.frameCopyTrust = 3.0;
        m.frameCopyUnmatchedTrust = Double.NaN;
        problems = ExemplarManifestValidator.checkManifest(name, m, Path.of("models"));
        assertTrue(problems.stream().anyMatch(p -> p.contains("frameCopyUnmatchedTrust NaN") && p.contains(">= 0")),
                problems.toString());
        m.frameCopyUnmatchedTrust = 0.0;
        m.frame.outputs = m.frame.outputs.subList(0, 2);
        problems = ExemplarManifestValidator.checkManifest(name, m, Path.of("models"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("frame outputs") && problems.get(0).contains("ab_net") && problems.get(0).contains("gate"),
                problems.get(0));
    }
}
