package org.colorizevideo.dvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import java.util.Random;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.dvp.DvpSettings.Mode;
import org.junit.jupiter.api.Test;

/**
 * Faithful mode's input skip ({@link DvpSettings#skip()}): the U-Net's output is added to its input, and
 * the last convolution starts at zero, so before training the network returns the gray frame itself (for
 * IRT both outputs), and training moves it from there.
 */
class InputSkipTest {

    private static final int H = 32, W = 32;

    private static float[] grayTiled(long seed) {
        Random random = new Random(seed);
        float[] x = new float[3 * H * W];
        for (int p = 0; p < H * W; p++) {
            float v = random.nextFloat();
            x[p] = v;
            x[H * W + p] = v;
            x[2 * H * W + p] = v;
        }
        return x;
    }

    @Test
    void beforeTrainingTheOutputIsTheInput() throws Exception {
        float[] x = grayTiled(3);
        try (DvpNetwork net = new DvpNetwork(3, 3, false, 16, H, W, Tracker.fixed(1e-4f), 1, false, true)) {
            assertArrayEquals(x, net.predict(x), 0f);
        }
        try (DvpNetwork irt = new DvpNetwork(3, 3, true, 16, H, W, Tracker.fixed(1e-4f), 1, false, true)) {
            float[] out = irt.predict(x);
            assertEquals(6 * H * W, out.length);
            float[] twice = new float[6 * H * W];
            System.arraycopy(x, 0, twice, 0, x.length);
            System.arraycopy(x, 0, twice, x.length, x.length);
            assertArrayEquals(twice, out, 0f, "both IRT outputs start at the input");
        }
    }

    @Test
    void trainingLearnsTheDifferenceFromTheInput() throws Exception {
        float[] x = grayTiled(5);
        float[] target = x.clone();
        for (int p = 0; p < H * W; p++) {
            target[p] = Math.min(1f, x[p] + 0.2f); // a reddish cast over the gray frame
        }
        try (DvpNetwork net = new DvpNetwork(3, 3, false, 16, H, W, Tracker.fixed(1e-3f), 1, false, true)) {
            float first = net.step(x, target, DvpNetwork.Phase.PLAIN);
            float last = first;
            for (int k = 0; k < 30; k++) {
                last = net.step(x, target, DvpNetwork.Phase.PLAIN);
            }
            assertTrue(last < 0.5f * first, "loss " + first + " -> " + last);
            float[] out = net.predict(x);
            double red = 0, green = 0;
            for (int p = 0; p < H * W; p++) {
                red += out[p] - x[p];
                green += out[H * W + p] - x[H * W + p];
            }
            assertTrue(red / (H * W) > 0.1 && Math.abs(green / (H * W)) < 0.05,
                    "mean change red " + red / (H * W) + ", green " + green / (H * W));
        }
    }

    @Test
    void skipIsForFaithfulModeOnly() throws Exception {
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> DvpSettings.resolve(Mode.FAST, 0, 0, 0, 1, false, -1, 0, -1, true));
        assertTrue(e.getMessage().startsWith("skip=true only applies to mode=faithful"), e.getMessage());
        DvpSettings s = DvpSettings.resolve(Mode.FAITHFUL, 0, 0, 0, 1, false, -1, 0, -1, true);
        assertTrue(s.skip() && s.toString().endsWith("skip=true"), s.toString());
        assertTrue(!DvpSettings.faithful().skip());
    }
}
