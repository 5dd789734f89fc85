package org.colorizevideo.plugin;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ColorProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.hints.HintSet;
import org.colorizevideo.hints.HintSpreading;
import org.colorizevideo.hints.HintedKeyframe;
import org.colorizevideo.hints.RoiHints;
import org.colorizevideo.io.AtomicFiles;
import org.colorizevideo.io.InputOpener;
import org.colorizevideo.io.PngWriter;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;

/**
 * Colorize Keyframe for every face (IJ1 plugin, SciJava command, headless): resolves the input and the
 * hints (selections handed over by the GUI, or a ROI file), runs {@link HintedKeyframe}, writes the
 * keyframe atomically as {@code NNNNN.png} (0-based frame number, the name a keyframe folder for
 * Colorize Video's {@code reference} expects) and returns it as an image to show.
 */
final class ColorizeKeyframeJob {

    /**
     * Our bundled hint model (compact-lab-v2 with a hint adapter), with spreading: on the DAVIS clips 10 hints
     * give +3.0 dB over gray, the hints spread alone ({@code model=none}) +2.2 dB (BENCHMARKS.md, "Colour hints").
     */
    static final String DEFAULT_MODEL = ModelLocator.HINT_MODEL;

    /**
     * @param frame 1-based frame to colour; 0 = the open image's current frame (else the first)
     * @param rois hints as selections (GUI: ROI Manager or overlay), or null to read {@code hintsFile}
     * @param model a model's name or .json; "none": no network, the hints spread alone; empty: {@link #DEFAULT_MODEL}
     * @param spread spread what the hints still say after the network along the frame's edges
     * @param output folder for NNNNN.png or a .png file; null = not written (only shown)
     */
    record Request(ImagePlus image, Path input, int frame, List<Roi> rois, Path hintsFile, String model,
            double temperature, int hintSize, DeviceChoice device, Path output, boolean overwrite, boolean spread) {
    }

    record Result(ImagePlus keyframe, Path written, HintedKeyframe.Result made) {
    }

    private ColorizeKeyframeJob() {
    }

    static Result run(Request r) throws ColorizeException {
        InputOpener.Input in = InputOpener.resolve(r.image(), r.input(), true,
                "No input: give input=<gray clip or frame> or open the gray stack.");
        LuminanceSource source = in.source();
        try {
            int frame = r.frame() > 0 ? r.frame() - 1
                    : r.image() != null ? r.image().getCurrentSlice() - 1 : 0;
            List<Roi> rois = r.rois() != null ? r.rois() : r.hintsFile() != null ? RoiHints.read(r.hintsFile()) : null;
            if (rois == null || rois.isEmpty()) {
                throw new ColorizeException("No hints: mark places on the frame with the point, line or area tools, give "
                        + "each the wanted colour as its stroke colour and add them to the ROI Manager (or give "
                        + "hints=<RoiSet.zip>).");
            }
            HintSet hints = new HintSet(RoiHints.fromRois(rois, source.width(), source.height(), source.size(), frame),
                    r.hintSize() > 0 ? r.hintSize() : HintSet.DEFAULT_CLICK_SIZE);
            Path target = target(r.output(), frame);
            if (target != null && Files.exists(target) && !r.overwrite()) {
                throw new ColorizeException("The keyframe " + target + " exists already; set overwrite=true to replace it.");
            }
            String model = r.model() == null || r.model().isBlank() ? DEFAULT_MODEL : r.model().trim();
            boolean noNetwork = model.equals(HintedKeyframe.NO_NETWORK);
            if (noNetwork && !r.spread()) {
                throw new ColorizeException("model=none colours the frame by spreading the hints, so it needs spread=true; "
                        + "or choose a model that takes colour hints (model=<name or .json>).");
            }
            HintedKeyframe.Result made = HintedKeyframe.colorize(source, frame, hints,
                    noNetwork ? null : ModelLocator.standard().locate(model), r.device(), r.temperature(),
                    r.spread() ? HintSpreading.defaults() : null);
            if (target != null) {
                write(made, target);
            }
            ColorProcessor cp = new ColorProcessor(made.width(), made.height(), made.rgb());
            String title = in.baseName() + String.format(Locale.ROOT, "-keyframe-%05d", frame);
            return new Result(new ImagePlus(title, cp), target, made);
        } finally {
            if (source instanceof AutoCloseable c && r.image() == null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a decoder after reading one frame: nothing the user can act on
                }
            }
        }
    }

    /** output/NNNNN.png for a folder, the file itself for a .png path, null for none. */
    static Path target(Path output, int frame) throws ColorizeException {
        if (output == null) {
            return null;
        }
        if (output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            return output;
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new ColorizeException("The output " + output + " is a file; give a folder for keyframes (written as "
                    + String.format(Locale.ROOT, "%05d", frame) + ".png) or a .png file.");
        }
        return output.resolve(String.format(Locale.ROOT, "%05d.png", frame));
    }

    private static void write(HintedKeyframe.Result made, Path target) throws ColorizeException {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            AtomicFiles.replace(target, tmp -> new PngWriter().write(made.rgb(), made.width(), made.height(), tmp));
        } catch (IOException e) {
            throw new ColorizeException("The keyframe could not be written to " + target + ": " + e.getMessage(), e);
        }
    }

    static String summary(Result r) {
        HintedKeyframe.Result m = r.made();
        return String.format(Locale.ROOT, "Frame %d coloured from %d hint%s (%d model pixels) with %s on %s%s", m.frame() + 1,
                m.hints(), m.hints() == 1 ? "" : "s", m.hintPixels(), m.model(), m.device(),
                r.written() == null ? "" : " into " + r.written());
    }
}
