package org.colorizevideo.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Bilinear backward warping with border replication, checked against values worked out by hand. */
class BackwardWarpTest {

    /** 3x2 plane, after 2 leading values that are not part of it. */
    private static final float[] PLANES = {99, 99, 0, 10, 20, 30, 40, 50};

    private static double[] warp(float u, float v) {
        float[] us = new float[6], vs = new float[6];
        java.util.Arrays.fill(us, u);
        java.util.Arrays.fill(vs, v);
        return BackwardWarp.plane(PLANES, 2, new FlowField(3, 2, us, vs));
    }

    @Test
    void samplesBetweenPixelsBilinearly() {
        double[] out = warp(0.5f, 0.25f);
        // pixel (0,0) samples (0.5, 0.25): rows 0 and 1 at x 0.5 are 5 and 35, 0.75 * 5 + 0.25 * 35
        assertEquals(12.5, out[0], 1e-9);
        // pixel (1,0) samples (1.5, 0.25): 15 and 45 -> 22.5
        assertEquals(22.5, out[1], 1e-9);
    }

    @Test
    void beyondTheEdgeTakesTheEdgeValue() {
        double[] left = warp(-1.5f, 0f);
        assertEquals(0, left[0], 1e-9);   // (-1.5, 0) -> pixel (0, 0)
        assertEquals(0, left[1], 1e-9);   // (-0.5, 0) -> pixel (0, 0)
        assertEquals(5, left[2], 1e-9);   // (0.5, 0)
        double[] down = warp(0.75f, 3f);
        assertEquals(37.5, down[0], 1e-9); // (0.75, 3) -> row 1 at x 0.75
        assertEquals(50, down[5], 1e-9);   // (2.75, 4) -> pixel (2, 1)
    }
}
