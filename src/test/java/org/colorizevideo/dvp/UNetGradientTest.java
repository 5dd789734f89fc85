package org.colorizevideo.dvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The U-Net's gradients at the working sizes Deep Video Prior uses, against the same network in float64.
 * In float32 libtorch runs these convolutions through oneDNN; in float64 through its own kernels. With
 * 2 or 3 output channels (the old output layer) oneDNN's input gradients were garbage, often NaN, on an
 * AVX-512 processor (see {@link UNet}); this test fails on such a machine if the padding is removed.
 */
class UNetGradientTest {

    static double worstRelativeError(int inChannels, int outChannels, int width, int h, int w) throws Exception {
        Engine engine = DvpNetwork.engine();
        engine.setRandomSeed(17);
        return GradientCheck.worstRelativeError(engine, inChannels, outChannels, width, h, w);
    }

    private static void assertAgrees(double worst) {
        assertTrue(worst < GradientCheck.TOLERANCE, "float32 gradients differ from float64 by " + worst + " of their norm");
    }

    @Test
    void fastModeNetworkGradientsMatchFloat64() throws Exception {
        // 854x480 frames at scale 0.25: 214x120, padded 224x128; a*b* out (2), with IRT 4
        assertAgrees(worstRelativeError(1, 2, 16, 128, 224));
        assertAgrees(worstRelativeError(1, 4, 16, 128, 224));
    }

    @Test
    void faithfulModeNetworkGradientsMatchFloat64() throws Exception {
        // RGB in and out (3), width 32, at 256x160 (the full 480x864 takes minutes in float64)
        assertAgrees(worstRelativeError(3, 3, 32, 160, 256));
    }

    @Test
    void aTippedUnitIsRoundingAndGarbageIsAFault() {
        // figures from GradientCheck's comment: tips 0.0013-0.0033 (0.0246 by the old measure), faults 0.31-0.55 or NaN
        assertFalse(GradientCheck.faulty(0.0033));
        assertFalse(GradientCheck.faulty(0.0246));
        assertTrue(GradientCheck.faulty(0.31));
        assertTrue(GradientCheck.faulty(Double.NaN));
        assertTrue(GradientCheck.faulty(Double.POSITIVE_INFINITY));
    }

    @Test
    void theCheckBeforeTrainingPassesAtWidth32Repeatedly() throws Exception {
        // issue #10: the width-32 fast network was refused in 1 of 2 runs by the old single, entry-wise check
        Engine engine = DvpNetwork.engine();
        for (int k = 0; k < 2; k++) {
            double worst = GradientCheck.worstOfRuns(engine, 1, 2, 32, DvpNetwork.CHECK_SIZE, DvpNetwork.CHECK_SIZE);
            assertFalse(GradientCheck.faulty(worst), "check " + k + ": " + worst);
        }
    }

    @Test
    void widthsThatAreNotAMultipleOf16AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UNet(20, 2));
        assertThrows(IllegalArgumentException.class, () -> new UNet(8, 2));
        UNet net = new UNet(16, 3);
        assertEquals(16, net.paddedOutChannels());
        assertEquals(3, net.outChannels());
        assertArrayEquals(new long[] {1, 3, 64, 96},
                net.getOutputShapes(new Shape[] {new Shape(1, 1, 64, 96)})[0].getShape());
    }
}
