package org.colorizevideo.dvp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;

/**
 * The U-Net's gradients at the working sizes Deep Video Prior uses, against the same network in float64.
 * In float32 libtorch runs these convolutions through oneDNN; in float64 through its own kernels. With
 * 2 or 3 output channels (the old output layer) oneDNN's input gradients were garbage, often NaN, on an
 * AVX-512 processor (see {@link UNet}); this test fails on such a machine if the padding is removed.
 */
class UNetGradientTest {

    /** Largest |float32 - float64| of every parameter's gradient, relative to that gradient's largest value. */
    static double worstRelativeError(int inChannels, int outChannels, int width, int h, int w) throws Exception {
        Engine engine = DvpNetwork.engine();
        try (NDManager m = NDManager.newBaseManager(engine.getEngineName())) {
            engine.setRandomSeed(17);
            UNet net32 = new UNet(width, outChannels), net64 = new UNet(width, outChannels);
            net32.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            net32.setInitializer(new NormalInitializer(0.01f), Parameter.Type.BIAS);
            net64.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            net64.setInitializer(new NormalInitializer(0.01f), Parameter.Type.BIAS);
            Shape in = new Shape(1, inChannels, h, w);
            net32.initialize(m, DataType.FLOAT32, in);
            net64.initialize(m, DataType.FLOAT64, in);
            ai.djl.nn.ParameterList p32 = net32.getParameters(), p64 = net64.getParameters();
            for (int i = 0; i < p32.size(); i++) {
                p64.get(i).getValue().getArray().set(p32.get(i).getValue().getArray().toType(DataType.FLOAT64, true)
                        .toByteBuffer());
            }
            NDArray x = m.randomUniform(0, 1, in);
            NDArray weights = m.randomNormal(new Shape(1, outChannels, h, w));
            backward(engine, m, net32, x, weights, DataType.FLOAT32);
            backward(engine, m, net64, x, weights, DataType.FLOAT64);
            double worst = 0;
            for (int i = 0; i < p32.size(); i++) {
                NDArray g32 = p32.get(i).getValue().getArray().getGradient().toType(DataType.FLOAT64, true);
                NDArray g64 = p64.get(i).getValue().getArray().getGradient();
                double scale = g64.abs().max().getDouble();
                double err = g32.sub(g64).abs().max().getDouble();
                double rel = scale == 0 ? err : err / scale;
                worst = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : Math.max(worst, rel);
            }
            return worst;
        }
    }

    /** A smooth loss (a fixed weighting of the outputs), so that float rounding cannot flip its gradient. */
    private static void backward(Engine engine, NDManager m, UNet net, NDArray x, NDArray weights, DataType type) {
        try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray out = net.forward(new ParameterStore(m, false), new NDList(x.toType(type, true)), true)
                    .singletonOrThrow();
            assertEquals(weights.getShape(), out.getShape());
            gc.backward(out.mul(weights.toType(type, true)).mean());
        }
    }

    /**
     * Float32 rounding through 23 layers (and the leaky ReLUs it tips over) leaves up to ~1e-3 of the largest
     * gradient; the oneDNN fault gave NaN or errors of the gradient's own size.
     */
    private static void assertAgrees(double worst) {
        assertTrue(worst < 1e-2, "float32 gradients differ from float64 by " + worst + " of their largest value");
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
