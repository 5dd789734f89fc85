package org.colorizevideo.exemplar;

import static org.colorizevideo.exemplar.ExemplarManifest.HEIGHT;
import static org.colorizevideo.exemplar.ExemplarManifest.WIDTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.colorizevideo.flow.OpenCvFlow;
import org.junit.jupiter.api.Test;

/** The previous output moved onto the current frame by optical flow (models with "previousWarp"). */
class PreviousWarpTest {

    private static final int PLANE = HEIGHT * WIDTH;

    /**
     * A scene of 60 random blobs (fixed seed; L* and a*b* of their own) shifted by (dx, dy): pixel (x, y)
     * shows the scene at (x - dx, y - dy). Blobs, not a periodic pattern, which a coarse-to-fine flow
     * may lock onto the wrong period of.
     */
    private static float[] scene(double dx, double dy) {
        java.util.Random r = new java.util.Random(7);
        int n = 60;
        double[][] blobs = new double[n][];
        for (int k = 0; k < n; k++) {
            blobs[k] = new double[] {r.nextDouble() * WIDTH, r.nextDouble() * HEIGHT, 6 + 14 * r.nextDouble(),
                    60 * r.nextDouble() - 30, 80 * r.nextDouble() - 40, 80 * r.nextDouble() - 40};
        }
        float[] lab = new float[3 * PLANE];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double u = x - dx, v = y - dy;
                int i = y * WIDTH + x;
                for (double[] b : blobs) {
                    double g = Math.exp(-((u - b[0]) * (u - b[0]) + (v - b[1]) * (v - b[1])) / (2 * b[2] * b[2]));
                    for (int c = 0; c < 3; c++) {
                        lab[c * PLANE + i] += (float) (g * b[3 + c]);
                    }
                }
                lab[i] = Math.max(-45f, Math.min(45f, lab[i]));
            }
        }
        return lab;
    }

    private static double abError(float[] lab, float[] truth, int margin) {
        double sum = 0;
        int n = 0;
        for (int y = margin; y < HEIGHT - margin; y++) {
            for (int x = margin; x < WIDTH - margin; x++) {
                int i = y * WIDTH + x;
                sum += Math.abs(lab[PLANE + i] - truth[PLANE + i]) + Math.abs(lab[2 * PLANE + i] - truth[2 * PLANE + i]);
                n += 2;
            }
        }
        return sum / n;
    }

    @Test
    void thePreviousOutputFollowsTheMotion() {
        float[] previous = scene(0, 0);
        float[] current = scene(4, -3);   // the scene moved 4 px right and 3 px up
        float[] currentL = Arrays.copyOf(current, PLANE);
        try (PreviousWarp warp = new PreviousWarp(OpenCvFlow.Method.DIS_MEDIUM)) {
            float[] moved = warp.apply(previous, currentL);
            double before = abError(previous, current, 16), after = abError(moved, current, 16);
            assertTrue(before > 2.0, "the test scene must move visibly: " + before);
            assertTrue(after < 0.1 * before, "a*b* error after the warp " + after + " (before " + before + ")");
            assertEquals(0, abError(warp.apply(previous, Arrays.copyOf(previous, PLANE)), previous, 0), 0.05,
                    "no motion: the previous output comes back as it is");
        }
    }

    @Test
    void bytesScaleCentredLStarToEightBits() {
        float[] l = new float[PLANE];
        l[0] = -50f;
        l[1] = 50f;
        l[2] = 0f;
        l[3] = 80f;
        byte[] b = PreviousWarp.bytes(l, 0);
        assertEquals(0, b[0] & 0xff);
        assertEquals(255, b[1] & 0xff);
        assertEquals(127, b[2] & 0xff);   // 50 x 2.55 is 127.4999... in binary, as in Python
        assertEquals(255, b[3] & 0xff);
    }

    @Test
    void anUnknownFlowMethodIsRefusedWithTheNamesThatWork() throws Exception {
        String name = ExemplarSettings.DEFAULT_MODEL;
        for (String key : new String[] {"previousWarp", "frameCopy"}) {
            ExemplarManifest m = ExemplarManifest.read(Path.of("models", name + ".json"));
            if (key.equals("previousWarp")) {
                m.previousWarp = "raft";
            } else {
                m.frameCopy = "raft";
            }
            List<String> problems = ExemplarManifestValidator.checkManifest(name, m, Path.of("models"));
            assertTrue(problems.stream().anyMatch(p -> p.contains(key + " 'raft'") && p.contains("dis-medium") && p.contains("dis-fine")),
                    problems.toString());
        }
    }
}
