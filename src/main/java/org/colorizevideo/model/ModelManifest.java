package org.colorizevideo.model;

import java.util.List;

/**
 * The JSON manifest that sits next to every model ({@code models/<name>.json}) and says what the ONNX
 * graph expects and returns. Field names are the JSON keys; see models/README.md for the schema.
 */
public final class ModelManifest {

    public static final String FORMAT = "colorize-video-model/1";

    public String format;
    public String name;
    public String description;
    public Input input;
    public List<ExtraInput> extraInputs = List.of();
    public Output output;
    /** Which extra inputs take user colour hints (SIGGRAPH17 contract); null for a model without hints. */
    public Hints hints;

    /** The luminance input: raw L* in {@link #lRange}, NCHW with one channel. */
    public static final class Input {
        public String name;
        public long[] shape;
        public double[] lRange = {0.0, 100.0};
        public SizePolicy size;
    }

    /** How a frame is resized before inference. */
    public static final class SizePolicy {
        /** "fixed" (height x width, aspect not kept) or "shortSide" (aspect kept). */
        public String policy;
        public int height;
        public int width;
        public int shortSide;
        public int multiple = 1;
    }

    /**
     * User colour hints (Zhang et al. 2017): {@code ab} names an extra input [N,2,H,W] that gets the hint
     * a*b* (times {@code abScale}) where there is a hint and its fill elsewhere, {@code mask} an extra
     * input [N,1,H,W] that gets {@code maskOn} there and {@code maskOff} elsewhere; both at the model's
     * input size. Without hints the extra inputs keep their fills (the automatic mode).
     */
    public static final class Hints {
        public String ab;
        public String mask;
        public float abScale = 1f;
        public float maskOn = 1f;
        public float maskOff = 0f;
    }

    public boolean takesHints() {
        return hints != null;
    }

    /** A further graph input that is filled with a constant (e.g. SIGGRAPH17's empty user hints). */
    public static final class ExtraInput {
        public String name;
        public long[] shape;
        public float fill;
    }

    /** The graph output: "ab" regression or "logits" over ab bins decoded by annealed mean. */
    public static final class Output {
        public String name;
        public String kind;
        public int stride = 1;
        public double temperature = 1.0;
        /**
         * Chroma gain g after decoding: each frame's a*b* become mean + g x (a*b* - mean), the mean over
         * the frame, so its colours spread g times as far from its overall tint (1: unchanged).
         */
        public double chromaGain = 1.0;
        /** The largest chroma gain a manifest (or the user's saturation setting) may ask for. */
        public static final double MAX_CHROMA_GAIN = 4;
        public float[][] bins;
    }

    public boolean isLogits() {
        return "logits".equals(output.kind);
    }

    /** Model input size (height, width) for a frame of the given size under this manifest's policy. */
    public int[] inputSizeFor(int frameHeight, int frameWidth) {
        SizePolicy s = input.size;
        if ("fixed".equals(s.policy)) {
            return new int[] {s.height, s.width};
        }
        double scale = s.shortSide / (double) Math.min(frameHeight, frameWidth);
        int m = Math.max(1, s.multiple);
        int h = Math.max(m, (int) Math.round(frameHeight * scale / m) * m);
        int w = Math.max(m, (int) Math.round(frameWidth * scale / m) * m);
        return new int[] {h, w};
    }
}
