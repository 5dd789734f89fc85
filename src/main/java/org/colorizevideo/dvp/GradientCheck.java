package org.colorizevideo.dvp;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;

/**
 * Compares the U-Net's float32 gradients with those of a float64 copy of the same network on the same
 * input. In float32 libtorch computes the convolutions with oneDNN (above ~20,000 input values); in
 * float64 with its own kernels. A fault like the one described in {@link UNet} shows as NaN or as errors
 * of the gradients' own size; float32 rounding through 23 layers (and the leaky ReLUs it tips over)
 * leaves at most ~1e-3 of the largest gradient.
 */
final class GradientCheck {

    /** Largest error that still counts as float32 rounding, relative to each gradient's largest value. */
    static final double TOLERANCE = 1e-2;

    private GradientCheck() {
    }

    /**
     * The worst, over all parameters, of max |g32 - g64| / max |g64| (infinity where a gradient is NaN),
     * for a U-Net of this width and channels on an h x w input (multiples of 16) with random weights.
     */
    static double worstRelativeError(Engine engine, int inChannels, int outChannels, int width, int h, int w) {
        try (NDManager m = engine.newBaseManager()) {
            UNet net32 = new UNet(width, outChannels), net64 = new UNet(width, outChannels);
            for (UNet net : new UNet[] {net32, net64}) {
                net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
                net.setInitializer(new NormalInitializer(0.01f), Parameter.Type.BIAS);
            }
            Shape in = new Shape(1, inChannels, h, w);
            net32.initialize(m, DataType.FLOAT32, in);
            net64.initialize(m, DataType.FLOAT64, in);
            ParameterList p32 = net32.getParameters(), p64 = net64.getParameters();
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
            gc.backward(out.mul(weights.toType(type, true)).mean());
        }
    }
}
