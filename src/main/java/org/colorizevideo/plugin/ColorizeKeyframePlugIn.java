package org.colorizevideo.plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.hints.HintSet;
import org.colorizevideo.hints.HintedKeyframe;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.model.ModelManifest;

/**
 * Plugins > Colorize > Colorize Keyframe: one gray frame coloured from the user's colour hints
 * (Zhang et al. 2017), shown at once, and written as a keyframe for Colorize Video's {@code reference}.
 * The hints are selections whose stroke colour is the wanted colour: points, lines or areas in the ROI
 * Manager (or the image's overlay), on the frame to colour. Macro form:
 * <pre>
 * run("Colorize Keyframe", "input=[] frame=12 hints=[/clips/hints.zip] model=[compact-hints-v1] spread hint_size=3 output=[/clips/keys]");
 * run("Colorize Video", "input=[/clips/gray] output=[/clips/colour] reference=[/clips/keys]");
 * </pre>
 * An empty {@code input} is the current image; an empty {@code hints} takes the ROI Manager's selections
 * (else the overlay's). Run it again after adding hints: {@code overwrite} replaces the keyframe.
 */
public class ColorizeKeyframePlugIn implements PlugIn {

    public static final String COMMAND = "Colorize Keyframe";

    @Override
    public void run(String arg) {
        ImagePlus current = WindowManager.getCurrentImage();
        GenericDialog gd = new GenericDialog(COMMAND);
        DialogKit kit = new DialogKit(gd, COMMAND);
        kit.heading("Frame and hints");
        kit.file("input", 40);
        kit.openImageButton("input");
        gd.addMessage("(the gray clip: " + (current == null ? "" : "empty = the current image '" + current.getTitle() + "'; ")
                + "an open image's title, a file or a folder of frames)");
        kit.number("frame", current == null ? 1 : current.getCurrentSlice(), 0, 6, "(1-based)");
        kit.file("hints", 40);
        gd.addMessage("(empty = the selections in the ROI Manager, else the image's overlay; or a RoiSet .zip / .roi file)");
        kit.heading("Model");
        // the bundled hint model, no network, then every colorization model (bundled or in a models folder)
        LinkedHashSet<String> offered = new LinkedHashSet<>(List.of(ColorizeKeyframeJob.DEFAULT_MODEL,
                HintedKeyframe.NO_NETWORK));
        offered.addAll(ModelLocator.standard().names(ModelManifest.FORMAT, ModelLocator.DEFAULT_MODEL, ModelLocator.EARLIER_MODEL));
        List<String> models = new ArrayList<>(offered);
        kit.model("model", models, ColorizeKeyframeJob.DEFAULT_MODEL);
        gd.addMessage("(" + ColorizeKeyframeJob.DEFAULT_MODEL + ": our hint model; none: no network, the hints spread along the\n"
                + "frame's edges; or another model, which takes the hints when its manifest declares \"hints\")");
        kit.checkbox("spread", true);
        gd.addMessage("(spread: carry what the hints say beyond where the network took them, up to the frame's edges)");
        kit.number("hint_size", HintSet.DEFAULT_CLICK_SIZE, 0, 4, "model pixels per clicked point");
        kit.heading("Output");
        kit.folder("output", 40);
        gd.addMessage("(optional keyframe folder: the frame is written as its 0-based number, e.g. 00011.png)");
        kit.checkbox("overwrite", true);
        kit.help(HelpPages.KEYFRAME);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String input = kit.nextPath("input");
        int frame = (int) kit.nextNumber("frame");
        String hints = kit.nextPath("hints");
        String model = kit.nextModel("model");
        boolean spread = kit.nextBoolean("spread");
        int hintSize = (int) kit.nextNumber("hint_size");
        String output = kit.nextPath("output");
        boolean overwrite = kit.nextBoolean("overwrite");
        Ij1Run.run(COMMAND, (progress, cancel) -> {
            ImagePlus image = input.isEmpty() ? WindowManager.getCurrentImage() : WindowManager.getImage(input);
            if (input.isEmpty() && image == null) {
                throw new ColorizeException("There is no open image: open the gray stack, or give input=<file or folder>.");
            }
            List<Roi> rois = hints.isEmpty() ? selections(image) : null;
            ColorizeKeyframeJob.Request request = new ColorizeKeyframeJob.Request(image, image != null ? null : Path.of(input),
                    frame, rois, hints.isEmpty() ? null : Path.of(hints), model, Double.NaN, hintSize, DeviceChoice.AUTO,
                    output.isEmpty() ? null : Path.of(output), overwrite, spread);
            progress.progress(0, 1, COMMAND + ": colouring frame " + frame);
            ColorizeKeyframeJob.Result r = ColorizeKeyframeJob.run(request);
            r.keyframe().show();
            IJ.log(COMMAND + ": " + ColorizeKeyframeJob.summary(r));
            IJ.showStatus(COMMAND + ": " + ColorizeKeyframeJob.summary(r));
        });
    }

    /**
     * The ROI Manager's selections, else the overlay's; an empty list when there are none. Headless
     * (a batch macro) there is no ROI Manager window to ask (creating one would fail): the overlay only.
     */
    private static List<Roi> selections(ImagePlus image) {
        RoiManager manager = java.awt.GraphicsEnvironment.isHeadless() ? null : RoiManager.getInstance();
        if (manager != null && manager.getCount() > 0) {
            return List.of(manager.getRoisAsArray());
        }
        List<Roi> rois = new ArrayList<>();
        if (image != null && image.getOverlay() != null) {
            rois.addAll(List.of(image.getOverlay().toArray()));
        }
        return rois;
    }
}
