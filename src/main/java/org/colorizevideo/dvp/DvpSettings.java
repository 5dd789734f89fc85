package org.colorizevideo.dvp;

import java.util.Locale;
import org.colorizevideo.ColorizeException;

/**
 * What the user chose for Deep Video Prior refinement.
 *
 * @param mode FAST learns the chroma (a*, b* from L*) at reduced resolution and recombines it with the
 *     full-resolution L*; FAITHFUL is the paper's setting (RGB from gray tiled to 3 channels, /255)
 * @param epochs passes over the clip (the IRT warm-up epochs count among them)
 * @param lr Adam learning rate
 * @param width channels of the U-Net's top level (the paper: 32); a multiple of 16 (see {@link UNet})
 * @param seed random seed of the network initialisation; the same seed gives the same output
 * @param irt iteratively reweighted training: a main and a minor output, for multimodal flicker
 * @param warmup IRT only: first epochs spent fitting frame 0 alone (the paper: 5)
 * @param scale working resolution relative to the frames (0 < scale <= 1)
 * @param decay last epochs over which the learning rate falls linearly towards zero (0: a constant rate, as
 *     the paper); see {@link LearningRateSchedule} for why fast mode does this
 * @param skip FAITHFUL only: the U-Net's output is added to its input (the gray frame tiled to RGB), so the
 *     network learns what the processing changed (for colorization the colour) instead of regenerating the
 *     luminance from scratch; still RGB out, still an untrained network fitted to the clip
 */
public record DvpSettings(Mode mode, int epochs, double lr, int width, int seed, boolean irt, int warmup, double scale,
        int decay, boolean skip) {

    /** Settings without the input skip (the paper's network). */
    public DvpSettings(Mode mode, int epochs, double lr, int width, int seed, boolean irt, int warmup, double scale,
            int decay) {
        this(mode, epochs, lr, width, seed, irt, warmup, scale, decay, false);
    }

    public enum Mode {
        FAST, FAITHFUL;

        public static Mode parse(String s) throws ColorizeException {
            String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "fast", "" -> FAST;
                case "faithful" -> FAITHFUL;
                default -> throw new ColorizeException("Unknown mode '" + s + "'; use mode=fast or mode=faithful.");
            };
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The paper's seed. */
    public static final int DEFAULT_SEED = 2020;

    /**
     * Defaults of fast mode (chroma at 1/4 resolution, width 16, 25 epochs of which the last 5 lower the
     * learning rate; see {@link LearningRateSchedule} and BENCHMARKS.md for the figures behind them).
     */
    public static DvpSettings fast() {
        return new DvpSettings(Mode.FAST, 25, 1e-4, 16, DEFAULT_SEED, false, 5, 0.25, defaultDecay(Mode.FAST, 25));
    }

    /** The paper's settings (without IRT: 25 epochs; its colorization demo uses 50 with IRT), constant rate. */
    public static DvpSettings faithful() {
        return new DvpSettings(Mode.FAITHFUL, 25, 1e-4, 32, DEFAULT_SEED, false, 5, 1.0, 0);
    }

    /** Fast mode: the last fifth of the epochs decays the rate; faithful mode: none (the paper). */
    public static int defaultDecay(Mode mode, int epochs) {
        return mode == Mode.FAST ? epochs / 5 : 0;
    }

    public static DvpSettings defaults(Mode mode) {
        return mode == Mode.FAST ? fast() : faithful();
    }

    /**
     * Settings from user parameters where 0 (or a negative value) means the mode's default for epochs,
     * lr, width and scale, and a negative value the default for warmup and decay (the decay default
     * follows the epochs: {@link #defaultDecay}); validated.
     */
    public static DvpSettings resolve(Mode mode, int epochs, double lr, int width, int seed, boolean irt, int warmup,
            double scale, int decay) throws ColorizeException {
        return resolve(mode, epochs, lr, width, seed, irt, warmup, scale, decay, false);
    }

    /** As {@link #resolve(Mode, int, double, int, int, boolean, int, double, int)}, with the input skip chosen. */
    public static DvpSettings resolve(Mode mode, int epochs, double lr, int width, int seed, boolean irt, int warmup,
            double scale, int decay, boolean skip) throws ColorizeException {
        DvpSettings d = defaults(mode);
        int e = epochs > 0 ? epochs : d.epochs();
        return new DvpSettings(mode, e, lr > 0 ? lr : d.lr(), width > 0 ? width : d.width(), seed, irt,
                warmup >= 0 ? warmup : d.warmup(), scale > 0 ? scale : d.scale(),
                decay >= 0 ? decay : defaultDecay(mode, e), skip).validated();
    }

    /** Refuses settings that cannot run, with a sentence that names the parameter. */
    public DvpSettings validated() throws ColorizeException {
        if (epochs < 1) {
            throw new ColorizeException("epochs=" + epochs + " is not allowed; at least 1 epoch is needed.");
        }
        if (!(lr > 0) || lr > 1 || Double.isInfinite(lr)) {
            throw new ColorizeException("lr=" + lr + " is not a usable learning rate; use a value in (0, 1], e.g. 0.0001.");
        }
        if (width < UNet.CHANNEL_BLOCK || width > 256 || width % UNet.CHANNEL_BLOCK != 0) {
            throw new ColorizeException("width=" + width + " is not allowed; use a multiple of 16 from 16 to 256 channels "
                    + "(the paper: 32). Other channel counts give wrong gradients in libtorch's oneDNN convolutions on "
                    + "some processors.");
        }
        if (warmup < 0) {
            throw new ColorizeException("warmup=" + warmup + " is not allowed; use 0 or more epochs.");
        }
        if (irt && warmup >= epochs) {
            throw new ColorizeException("warmup=" + warmup + " leaves no epoch for the whole clip with epochs=" + epochs
                    + "; use fewer warm-up epochs or more epochs.");
        }
        if (!(scale > 0) || scale > 1) {
            throw new ColorizeException("scale=" + scale + " is not allowed; use a working scale in (0, 1].");
        }
        if (decay < 0 || decay > epochs - warmupEpochs()) {
            throw new ColorizeException("decay=" + decay + " is not allowed with epochs=" + epochs
                    + (irt ? " and warmup=" + warmup : "") + "; use 0 (a constant learning rate) to "
                    + (epochs - warmupEpochs()) + " epochs.");
        }
        if (skip && mode != Mode.FAITHFUL) {
            throw new ColorizeException("skip=true only applies to mode=faithful (fast mode already keeps the input's "
                    + "luminance and learns the colour alone); use mode=faithful or leave skip off.");
        }
        return this;
    }

    /** Epochs that train on frame 0 only. */
    public int warmupEpochs() {
        return irt ? warmup : 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mode=%s epochs=%d lr=%g width=%d seed=%d irt=%b warmup=%d scale=%g decay=%d%s",
                mode.key(), epochs, lr, width, seed, irt, warmup, scale, decay, skip ? " skip=true" : "");
    }
}
