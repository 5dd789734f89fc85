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
 * The UI-free core of Colorize Keyframe: one gray frame plus the user's colour hints through a model
 * that takes hints (the same {@link AutomaticFrameColorizer} strategy as Colorize Video, given a
 * {@link HintSet}), returned as packed sRGB. Checks everything it can before loading the model.
 */
public final class HintedKeyframe {

    /** What was made: the keyframe and what it was made with. */
    public record Result(int[] rgb, int width, int height, int frame, int hints, int hintPixels, String model,
            String device) {
    }

    private HintedKeyframe() {
    }

    /**
     * @param frame 0-based frame of source to colour
     * @param temperature annealed-mean temperature for logits models (NaN: the model's)
     */
    public static Result colorize(LuminanceSource source, int frame, HintSet hints, ModelFiles modelFiles,
            DeviceChoice device, double temperature) throws ColorizeException {
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
        try (ColorizationModel model = ColorizationModel.open(modelFiles, device)) {
            if (!model.manifest().takesHints()) {
                throw new ColorizeException("Model '" + model.name() + "' takes no colour hints; choose a model whose "
                        + "manifest declares \"hints\" (our hint model or a SIGGRAPH17 export).");
            }
            double t = Double.isNaN(temperature) || temperature <= 0 ? model.manifest().output.temperature : temperature;
            HintSet onFrame = new HintSet(own, hints.clickSize());
            AutomaticFrameColorizer colorizer = new AutomaticFrameColorizer(model, t, 1, new StageTimes(), onFrame);
            int[] rgb = colorizer.colorize(frame, List.of(l), w, h).get(0);
            int[] in = model.manifest().inputSizeFor(h, w);
            int painted = HintRaster.paint(own, w, h, in[1], in[0], hints.clickSize()).painted();
            return new Result(rgb, w, h, frame, own.size(), painted, model.name(), model.device().toString());
        }
    }
}
