package org.colorizevideo.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled hint model (models/compact-hints.md) is an adapter on the frozen default model: without
 * hints its network must give the default model's logits (issue #13: "without hints at least as good as
 * compact-lab-v1"; the two manifests decode them differently), and with hints it must move the colour
 * towards the hint where it was given.
 */
class BundledHintModelTest {

    static final int W = 96, H = 64;

    /** A gray frame with structure: two flat regions split by an edge, texture in both. */
    static float[] luminance() {
        float[] l = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                l[y * W + x] = (float) ((x < W / 2 ? 35 : 70) + 8 * Math.sin(x / 5.0) * Math.cos(y / 7.0));
            }
        }
        return l;
    }

    static float[][] decode(ColorizationModel model, float[] out, long[] shape) {
        int hw = (int) (shape[2] * shape[3]);
        float[] a = new float[hw], b = new float[hw];
        new AbDecoder(model.manifest(), model.manifest().output.temperature).decode(out, 0, (int) shape[1], hw, a, b);
        return new float[][] {a, b};
    }

    @Test
    void withoutHintsItIsTheDefaultModelAndAHintPullsTheColourWhereItIsGiven() throws Exception {
        ModelLocator bundled = new ModelLocator(List.of());
        try (ColorizationModel automatic = ColorizationModel.open(bundled.locate(ModelLocator.DEFAULT_MODEL), DeviceChoice.CPU);
                ColorizationModel hinted = ColorizationModel.open(bundled.locate(ModelLocator.HINT_MODEL), DeviceChoice.CPU)) {
            assertTrue(hinted.manifest().takesHints(), "the hint model declares its hint inputs");
            float[] l = luminance();
            long[] shapeA = new long[4], shapeH = new long[4];
            float[] expected = automatic.run(l, 1, H, W, shapeA);
            float[] actual = hinted.run(l, 1, H, W, shapeH);
            assertArrayEquals(shapeA, shapeH);
            double maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
            }
            System.out.printf("hint model without hints vs the default model: max logit difference %.2e%n", maxDiff);
            assertTrue(maxDiff < 1e-3, "without hints the logits are the default model's; max difference " + maxDiff);

            // a saturated blue hint (a* 10, b* -50) on 8x8 pixels of the dark left region
            float[] ab = new float[2 * H * W], flag = new float[H * W];
            for (int y = 24; y < 32; y++) {
                for (int x = 12; x < 20; x++) {
                    flag[y * W + x] = 1;
                    ab[y * W + x] = 10;
                    ab[H * W + y * W + x] = -50;
                }
            }
            float[] withHint = hinted.run(l, 1, H, W, shapeH, ab, flag);
            float[][] before = decode(automatic, expected, shapeA), after = decode(hinted, withHint, shapeH);
            int cell = 28 / 4 * (int) shapeH[3] + 16 / 4;   // the hinted place at the output's 1/4 resolution
            double distanceBefore = Math.hypot(before[0][cell] - 10, before[1][cell] + 50);
            double distanceAfter = Math.hypot(after[0][cell] - 10, after[1][cell] + 50);
            System.out.printf("a*b* distance to the hint where it lies: %.1f without it, %.1f with it%n", distanceBefore, distanceAfter);
            assertTrue(distanceAfter < distanceBefore / 2, "the hint pulls a*b* towards (10, -50) where it lies: from "
                    + distanceBefore + " to " + distanceAfter + " a*b* units away");
        }
    }
}
