package org.colorizevideo.dvp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The five-level U-Net of Deep Video Prior (Lei et al. 2020), with {@code width} channels at the top
 * level doubling down to 16 x width at the bottom. Encoder: a 1x1 then a 3x3 convolution at the top,
 * two 3x3 convolutions per lower level, 2x2 max pooling between levels. Decoder: bilinear 2x
 * upsampling followed by a 3x3 convolution (no activation), concatenation with the encoder features
 * of that level, then 3x3 convolutions; the last one has no activation and gives {@code outChannels}.
 * All hidden activations are leaky ReLU with slope 0.2. Input height and width must be multiples of 16
 * (the caller pads to multiples of 32, as the paper crops to them).
 *
 * <p><b>Channel counts are multiples of {@value #CHANNEL_BLOCK}.</b> libtorch computes these convolutions
 * with oneDNN, which stores channels in blocks of 16 (8 on AVX2). With a channel count that is not a
 * multiple of the block (the 2 or 3 output channels of this network, or a width such as 20) oneDNN 3.7.1
 * in libtorch 2.7.1 returned wrong convolution gradients (and for widths such as 20 wrong outputs) on an
 * AVX-512 machine: padding channels read as garbage, often NaN, so training diverged to NaN within the
 * first steps and the refined clip came out black. So the width must be a multiple of 16, and the last
 * convolution computes {@link #paddedOutChannels()} channels of which the forward pass returns the first
 * {@code outChannels}; the extra ones get zero gradient and never leave this block. Measured against a
 * float64 reference in {@code UNetGradientTest}.
 */
public final class UNet extends AbstractBlock {

    static final int LEVELS = 5;
    /** Channel counts of every convolution are multiples of this (see the class comment). */
    public static final int CHANNEL_BLOCK = 16;
    private static final float SLOPE = 0.2f;

    private final int width;
    private final int outChannels;
    private final boolean inputSkip;
    private final Conv2d output;
    /** encoder[level] holds that level's two convolutions. */
    private final List<Conv2d[]> encoder = new ArrayList<>();
    /** up[i] and decoder[i] belong to decoder level LEVELS-2-i (from the bottom up). */
    private final List<Conv2d> up = new ArrayList<>();
    private final List<Conv2d[]> decoder = new ArrayList<>();

    public UNet(int width, int outChannels) {
        this(width, outChannels, false);
    }

    /**
     * @param inputSkip add the input to the output (tiled when the output has a multiple of the input's
     *     channels, as IRT's two outputs): the network then learns the difference between the processed
     *     and the input frame instead of regenerating the input (see {@link DvpSettings#skip()})
     */
    public UNet(int width, int outChannels, boolean inputSkip) {
        if (width < CHANNEL_BLOCK || width % CHANNEL_BLOCK != 0 || outChannels < 1) {
            throw new IllegalArgumentException("width must be a positive multiple of " + CHANNEL_BLOCK
                    + " and outChannels positive; got width " + width + ", outChannels " + outChannels);
        }
        this.width = width;
        this.outChannels = outChannels;
        this.inputSkip = inputSkip;
        for (int level = 0; level < LEVELS; level++) {
            int c = width << level;
            Conv2d first = level == 0 ? conv(c, 1) : conv(c, 3);
            encoder.add(new Conv2d[] {addChildBlock("enc" + level + "a", first), addChildBlock("enc" + level + "b", conv(c, 3))});
        }
        Conv2d last = null;
        for (int level = LEVELS - 2; level >= 0; level--) {
            int c = width << level;
            up.add(addChildBlock("up" + level, conv(c, 3)));
            last = level == 0 ? conv(paddedOutChannels(), 3) : conv(c, 3);
            decoder.add(new Conv2d[] {addChildBlock("dec" + level + "a", conv(c, 3)), addChildBlock("dec" + level + "b", last)});
        }
        this.output = last;
    }

    /** Channels the last convolution computes: outChannels rounded up to a multiple of 16. */
    public int paddedOutChannels() {
        return (outChannels + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK;
    }

    /**
     * The last convolution, whose padded filters would change Xavier's fan-out: the caller initialises
     * its weights as if it had {@code outChannels} filters (see {@link #outputWeightSigma()}).
     */
    Conv2d outputConvolution() {
        return output;
    }

    /** Xavier-normal std of the last convolution (width inputs, outChannels filters, 3x3): sqrt(2 / (fan_in + fan_out)). */
    double outputWeightSigma() {
        return Math.sqrt(2.0 / ((width + outChannels) * 9.0));
    }

    private static Conv2d conv(int filters, int kernel) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .build();
    }

    public int width() {
        return width;
    }

    public int outChannels() {
        return outChannels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray x = input;
        NDArray[] skip = new NDArray[LEVELS];
        for (int level = 0; level < LEVELS; level++) {
            if (level > 0) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
            Conv2d[] c = encoder.get(level);
            x = lrelu(apply(c[0], ps, x, training));
            x = lrelu(apply(c[1], ps, x, training));
            skip[level] = x;
        }
        for (int i = 0; i < LEVELS - 1; i++) {
            int level = LEVELS - 2 - i;
            long[] size = {skip[level].getShape().get(2), skip[level].getShape().get(3)};
            // mode 1 = bilinear (Image.Interpolation.BILINEAR), half-pixel centres (align_corners=False)
            NDArray upsampled = x.getNDArrayInternal().interpolation(size, 1, false);
            NDArray reduced = apply(up.get(i), ps, upsampled, training);
            x = NDArrays.concat(new NDList(reduced, skip[level]), 1);
            Conv2d[] c = decoder.get(i);
            x = lrelu(apply(c[0], ps, x, training));
            x = apply(c[1], ps, x, training);
            if (level > 0) {
                x = lrelu(x);
            }
        }
        if (paddedOutChannels() != outChannels) {
            x = x.get(new NDIndex(":, 0:" + outChannels));
        }
        if (inputSkip) {
            x = x.add(tiled(input, outChannels));
        }
        return new NDList(x);
    }

    /** The input repeated along the channels up to {@code channels} (which must be a multiple of its own). */
    private static NDArray tiled(NDArray input, int channels) {
        long c = input.getShape().get(1);
        if (c == channels) {
            return input;
        }
        if (channels % c != 0) {
            throw new IllegalArgumentException("an input skip needs output channels (" + channels
                    + ") that are a multiple of the input's (" + c + ")");
        }
        NDList copies = new NDList();
        for (long k = 0; k < channels / c; k++) {
            copies.add(input);
        }
        return NDArrays.concat(copies, 1);
    }

    private static NDArray apply(Conv2d conv, ParameterStore ps, NDArray x, boolean training) {
        return conv.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    private static NDArray lrelu(NDArray x) {
        return Activation.leakyRelu(x, SLOPE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0), h = in.get(2), w = in.get(3);
        long[] hs = new long[LEVELS], ws = new long[LEVELS];
        long channels = in.get(1);
        for (int level = 0; level < LEVELS; level++) {
            hs[level] = h >> level;
            ws[level] = w >> level;
            long c = (long) width << level;
            Conv2d[] conv = encoder.get(level);
            conv[0].initialize(manager, dataType, new Shape(n, channels, hs[level], ws[level]));
            conv[1].initialize(manager, dataType, new Shape(n, c, hs[level], ws[level]));
            channels = c;
        }
        for (int i = 0; i < LEVELS - 1; i++) {
            int level = LEVELS - 2 - i;
            long c = (long) width << level;
            up.get(i).initialize(manager, dataType, new Shape(n, channels, hs[level], ws[level]));
            Conv2d[] conv = decoder.get(i);
            conv[0].initialize(manager, dataType, new Shape(n, 2 * c, hs[level], ws[level]));
            conv[1].initialize(manager, dataType, new Shape(n, c, hs[level], ws[level]));
            channels = c;
        }
    }
}
