package org.colorizevideo.hints;

import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.AutomaticFrameColorizer;
import org.colorizevideo.colorize.ColourFrames;
import org.colorizevideo.colorize.KeepColourSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.colorize.StageTimes;
import org.colorizevideo.model.ColorizationModel;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelFiles;

/**
 * The UI-free core of Colorize Keyframe: one gray frame plus the user's colour hints, returned as packed
 * sRGB. Three ways: through a model that takes hints (the same {@link AutomaticFrameColorizer} strategy
 * as Colorize Video, given a {@link HintSet}); through any colorization model with what the hints still
 * say spread along the frame's edges ({@link HintSpreading}); or with no network at all, the hints alone
 * spread over the gray frame. Checks everything it can before loading a model.
 */
public final class HintedKeyframe {

    /** What was made: the keyframe and what it was made with. */
    public record Result(int[] rgb, int width, int height, int frame, int hints, int hintPixels, String model,
            String device) {
    }

    private HintedKeyframe() {
    }

    /** The name a result made without a network gives as its model. */
    public static final String NO_NETWORK = "none";

    /** As {@link #colorize(LuminanceSource, int, HintSet, ModelFiles, DeviceChoice, double, HintSpreading)} without spreading. */
    public static Result colorize(LuminanceSource source, int frame, HintSet hints, ModelFiles modelFiles,
            DeviceChoice device, double temperature) throws ColorizeException {
        return colorize(source, frame, hints, modelFiles, device, temperature, null);
    }

    /**
     * @param frame 0-based frame of source to colour
     * @param modelFiles the network, or null for none (then spreading is needed)
     * @param temperature annealed-mean temperature for logits models (NaN: the model's)
     * @param spreading how what the hints still say after the network is spread, or null: the network alone
     */
    public static Result colorize(LuminanceSource source, int frame, HintSet hints, ModelFiles modelFiles,
            DeviceChoice device, double temperature, HintSpreading spreading) throws ColorizeException {
        if (modelFiles == null && spreading == null) {
            throw new ColorizeException("Without a model the hints can only be spread: choose a model or turn spreading on.");
        }
        int w = source.width(), h = source.height();
        if (frame < 0 || frame >= source.size()) {
            throw new ColorizeException("Frame " + (frame + 1) + " was asked for, but the clip has " + source.size()
                    + " frame" + (source.size() == 1 ? "" : "s") + ".");
        }
        if (source instanceof ColourFrames colour) {
            double chroma = KeepColourSink.meanChroma(colour.rgb(frame), w, h);
            if (chroma > KeepColourSink.THRESHOLD) {
                throw new ColorizeException(String.format(java.util.Locale.ROOT, "Frame %d is already in colour (mean "
                        + "chroma %.1f); Colorize Keyframe colours a gray frame from hints. Give the gray clip as input "
                        + "(the hints can stay as they are).", frame + 1, chroma));
            }
        }
        List<ColourHint> own = hints.forFrame(frame);
        if (own.isEmpty()) {
            throw new ColorizeException("No hint lies on frame " + (frame + 1) + "; draw hints on that frame (or "
                    + "choose the frame the hints are on).");
        }
        float[] l = source.luminance(frame);
        if (modelFiles == null) {
            int[] grid = HintSpreading.grid(w, h);
            HintRaster.Planes planes = HintRaster.paint(own, w, h, grid[0], grid[1], hints.clickSize());
            float[][] ab = spreading.alone(l, w, h, planes);
            int[] rgb = org.colorizevideo.color.FastLab.labToRgb(l, ab[0], ab[1], w, h);
            return new Result(rgb, w, h, frame, own.size(), planes.painted(), NO_NETWORK + " (hints spread along edges)",
                    "CPU");
        }
        try (ColorizationModel model = ColorizationModel.open(modelFiles, device)) {
            if (!model.manifest().takesHints() && spreading == null) {
                throw new ColorizeException("Model '" + model.name() + "' takes no colour hints; choose a model whose "
                        + "manifest declares \"hints\" (our hint model or a SIGGRAPH17 export), or turn spreading on.");
            }
            double t = Double.isNaN(temperature) || temperature <= 0 ? model.manifest().output.temperature : temperature;
            HintSet onFrame = new HintSet(own, hints.clickSize());
            AutomaticFrameColorizer colorizer = new AutomaticFrameColorizer(model, t, 1, new StageTimes(), onFrame, spreading);
            int[] rgb = colorizer.colorize(frame, List.of(l), w, h).get(0);
            int[] in = model.manifest().inputSizeFor(h, w);
            int painted = HintRaster.paint(own, w, h, in[1], in[0], hints.clickSize()).painted();
            return new Result(rgb, w, h, frame, own.size(), painted,
                    model.name() + (spreading == null ? "" : " + hints spread along edges"), model.device().toString());
        }
    }
}
