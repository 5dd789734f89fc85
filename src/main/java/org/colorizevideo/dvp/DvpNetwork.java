package org.colorizevideo.dvp;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import org.colorizevideo.ColorizeException;

/**
 * The U-Net being fitted to one clip, on DJL's PyTorch engine (CPU): one Adam step per frame with an
 * L1 loss, or the IRT losses of Lei et al. Autograd, optimiser and initialisation are DJL's.
 * Close it to release the native memory.
 */
final class DvpNetwork implements AutoCloseable {

    static final String ENGINE = "PyTorch";

    /** Which loss a step uses. */
    enum Phase {
        /** L1 of the output against the target. */
        PLAIN,
        /** IRT warm-up: L1(main) + 0.9 L1(minor), both against the target. */
        WARMUP,
        /** IRT: per pixel the branch nearer to the target (relative to input + 0.1) learns it. */
        IRT
    }

    private final int inChannels, targetChannels, height, width;
    private final boolean irt;
    private final Model model;
    private final Trainer trainer;
    private final boolean oneDnnOff;

    /** Side of the random input on which {@link GradientCheck} runs before training (large enough for oneDNN). */
    static final int CHECK_SIZE = 64;

    /**
     * @param targetChannels channels of the target; with irt the network has twice as many outputs
     * @param lr Adam's learning rate at each step (a {@link LearningRateSchedule}, or fixed)
     */
    DvpNetwork(int inChannels, int targetChannels, boolean irt, int unetWidth, int height, int width, Tracker lr,
            int seed) throws ColorizeException {
        this(inChannels, targetChannels, irt, unetWidth, height, width, lr, seed, true);
    }

    /**
     * @param checkGradients run the gradient check first (see {@link #ensureExactGradients}); a run that
     *     trains one network per shot or chunk checks once, with its first network, since the check's
     *     answer (and the oneDNN switch it may flip) holds for the whole process
     */
    DvpNetwork(int inChannels, int targetChannels, boolean irt, int unetWidth, int height, int width, Tracker lr,
            int seed, boolean checkGradients) throws ColorizeException {
        this(inChannels, targetChannels, irt, unetWidth, height, width, lr, seed, checkGradients, false);
    }

    /** @param skip the U-Net's output is added to its input ({@link DvpSettings#skip()}) */
    DvpNetwork(int inChannels, int targetChannels, boolean irt, int unetWidth, int height, int width, Tracker lr,
            int seed, boolean checkGradients, boolean skip) throws ColorizeException {
        this.inChannels = inChannels;
        this.targetChannels = targetChannels;
        this.height = height;
        this.width = width;
        this.irt = irt;
        Engine engine = engine();
        this.oneDnnOff = checkGradients
                ? ensureExactGradients(engine, inChannels, irt ? 2 * targetChannels : targetChannels, unetWidth) : false;
        engine.setRandomSeed(seed);
        Model m = null;
        Trainer t = null;
        try {
            m = Model.newInstance("deep-video-prior", Device.cpu(), ENGINE);
            UNet unet = new UNet(unetWidth, irt ? 2 * targetChannels : targetChannels, skip);
            m.setBlock(unet);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(Adam.builder().optLearningRateTracker(lr).build())
                    // Xavier normal weights (std sqrt(2 / (fan_in + fan_out))) and zero biases, as the paper
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                            XavierInitializer.FactorType.AVG, 1f), Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {Device.cpu()});
            t = m.newTrainer(config);
            // The last convolution has padded filters (see UNet); Xavier's std must use its real fan-out. With the
            // input skip it starts at zero, so the network's first output is the input itself.
            float sigma = skip ? 0f : (float) unet.outputWeightSigma();
            unet.outputConvolution().setInitializer(new NormalInitializer(sigma), Parameter.Type.WEIGHT);
            t.initialize(new Shape(1, inChannels, height, width));
        } catch (RuntimeException e) {
            if (t != null) {
                t.close();
            }
            if (m != null) {
                m.close();
            }
            throw new ColorizeException("The network for temporal refinement could not be created on DJL's PyTorch engine: "
                    + e.getMessage(), e);
        }
        this.model = m;
        this.trainer = t;
    }

    /**
     * Checks this network's gradients against float64 before it is trained (about a second; see
     * {@link GradientCheck} for how rounding and fault are told apart); where oneDNN is wrong, switches it
     * off and checks again. Returns whether oneDNN was switched off.
     */
    private static boolean ensureExactGradients(Engine engine, int in, int out, int width) throws ColorizeException {
        double error = GradientCheck.worstOfRuns(engine, in, out, width, CHECK_SIZE, CHECK_SIZE);
        if (!GradientCheck.faulty(error)) {
            return false;
        }
        double without = LibTorchSwitches.oneDnnOff()
                ? GradientCheck.worstOfRuns(engine, in, out, width, CHECK_SIZE, CHECK_SIZE) : error;
        if (!GradientCheck.faulty(without)) {
            return true;
        }
        throw new ColorizeException(String.format(java.util.Locale.ROOT, "libtorch computes wrong gradients on this "
                + "processor (%.3g of their size in a check against float64), so temporal refinement would give wrong "
                + "colours; it cannot run on this machine with this libtorch build.", without));
    }

    /** Whether the check before training found oneDNN wrong and switched it off (slower, but right). */
    boolean oneDnnOff() {
        return oneDnnOff;
    }

    /** DJL's PyTorch engine, loaded from the natives on the class path (never downloaded). */
    static Engine engine() throws ColorizeException {
        try {
            Engine engine = Engine.getEngine(ENGINE);
            LibTorchSwitches.nnpackOff();
            LibTorchSwitches.warningsOff();
            return engine;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ColorizeException("DJL's PyTorch engine could not be loaded (" + e.getMessage() + "). Temporal "
                    + "refinement needs ai.djl.pytorch:pytorch-engine, pytorch-jni and pytorch-native-cpu on the class "
                    + "path (they are inside the -all jar).", e);
        }
    }

    /** One optimisation step on one frame; returns the loss before the step. */
    float step(float[] input, float[] target, Phase phase) {
        try (NDManager nd = trainer.getManager().newSubManager()) {
            NDArray x = nd.create(input, new Shape(1, inChannels, height, width));
            NDArray y = nd.create(target, new Shape(1, targetChannels, height, width));
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray loss = loss(out, x, y, phase);
                value = loss.getFloat();
                gc.backward(loss);
            }
            trainer.step();
            return value;
        }
    }

    /** The network's output for one input: all output channels (main first), outChannels x h x w. */
    float[] predict(float[] input) {
        try (NDManager nd = trainer.getManager().newSubManager()) {
            NDArray x = nd.create(input, new Shape(1, inChannels, height, width));
            return trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
        }
    }

    /** Whether every weight and bias is a finite number. */
    boolean parametersFinite() {
        for (var parameter : model.getBlock().getParameters()) {
            NDArray w = parameter.getValue().getArray();
            if (w.isNaN().any().getBoolean() || w.isInfinite().any().getBoolean()) {
                return false;
            }
        }
        return true;
    }

    private NDArray loss(NDArray out, NDArray x, NDArray y, Phase phase) {
        if (!irt) {
            return out.sub(y).abs().mean();
        }
        int c = targetChannels;
        NDArray main = out.get(new NDIndex(":, 0:" + c));
        NDArray minor = out.get(new NDIndex(":, " + c + ":" + (2 * c)));
        if (phase == Phase.WARMUP) {
            return main.sub(y).abs().mean().add(minor.sub(y).abs().mean().mul(0.9f));
        }
        NDArray denominator = x.add(0.1f);
        NDArray errMain = main.sub(y).abs().div(denominator).max(new int[] {1}, true);
        NDArray errMinor = minor.sub(y).abs().div(denominator).max(new int[] {1}, true);
        NDArray confident = errMain.lt(errMinor).toType(DataType.FLOAT32, false).stopGradient();
        NDArray other = confident.neg().add(1f);
        // Means over all target elements, as L1 of the masked tensors in the paper.
        return main.mul(confident).sub(y.mul(confident)).abs().mean()
                .add(minor.mul(other).sub(y.mul(other)).abs().mean());
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
