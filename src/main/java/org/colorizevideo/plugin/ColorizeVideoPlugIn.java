package org.colorizevideo.plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import org.colorizevideo.video.VideoFileSink;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.exemplar.ExemplarSettings;
import org.colorizevideo.exemplar.ReferenceImages;
import org.colorizevideo.instance.DetectionFilter;
import org.colorizevideo.instance.DetectionTable;
import org.colorizevideo.instance.ImageJDetections;
import org.colorizevideo.instance.InstanceSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;

/**
 * Plugins > Colorize > Colorize Video: the ImageJ 1.x face of the engine. Macro form:
 * {@code run("Colorize Video", "input=[] output=[/out] model=compact-lab-v1 temperature=0 device=auto batch=4");}
 * (add {@code dvp} for Deep Video Prior refinement in fast mode after colorization; add
 * {@code detector=[maskrcnn] instances=[instcolor]} for instance-aware colorization, with {@code score},
 * {@code max_instances} and {@code untracked}; add {@code reference=[colour.png]} or
 * {@code reference=[keyframes/]} for exemplar-based colorization, with {@code exemplar_model}).
 * An empty input colorizes the current image; the dialog's keys are the parameter names.
 */
public class ColorizeVideoPlugIn implements PlugIn {

    public static final String COMMAND = "Colorize Video";
    private static final String[] DEVICES = {"auto", "cpu", "gpu"};
    private static final String NO_IMAGE = "none";

    @Override
    public void run(String arg) {
        GenericDialog gd = new GenericDialog(COMMAND);
        gd.addStringField("input", "", 40);
        gd.addMessage("(empty: the current image; or a video file (.mp4, .mov, .mkv, ...), TIFF, AVI or folder of frames)");
        gd.addStringField("output", "", 40);
        gd.addMessage("(empty: show the result; or a folder to write PNG frames / TIFF into, or a .mp4/.mov/.mkv file)");
        gd.addStringField("model", ModelLocator.DEFAULT_MODEL, 24);
        gd.addNumericField("temperature", 0, 2, 6, "(0 = the model's default)");
        gd.addChoice("device", DEVICES, "auto");
        gd.addNumericField("batch", 4, 0, 4, "frames per inference call");
        gd.addCheckbox("overwrite", false);
        gd.addCheckbox("convert", false);
        gd.addMessage("(convert: colorize the luminance of colour frames instead of refusing them)");
        gd.addCheckbox("keep_colour", false);
        gd.addMessage("(keep_colour: frames already in colour (a title card, a tinted scene) are written as they are)");
        gd.addCheckbox("dvp", false);
        gd.addMessage("(dvp: remove flicker afterwards with Deep Video Prior, fast mode; trains a small network on the clip,"
                + " shot by shot)");
        SegmentingFields.add(gd);
        gd.addMessage("Instance-aware colorization (InstColorization): both empty = off");
        gd.addStringField("detector", "", 24);
        gd.addStringField("instances", "", 24);
        gd.addMessage("(detector: a Mask R-CNN export; instances: an InstColorization export, replaces model)");
        gd.addNumericField("score", DetectionFilter.DEFAULT_THRESHOLD, 2, 6, "minimum detection score");
        gd.addNumericField("max_instances", DetectionFilter.DEFAULT_MAX_INSTANCES, 0, 4, "boxes per frame, best first");
        gd.addCheckbox("untracked", false);
        gd.addMessage("(untracked: each frame uses its own boxes, as the paper; default: boxes are followed across frames)");
        gd.addMessage("Exemplar-based colorization (the clip takes its colours from a reference): empty = off");
        gd.addStringField("reference", "", 40); // a plain field: ij1-patcher's headless dialog has no file fields (#16)
        gd.addMessage("(a colour image, or a folder of keyframes named by frame number: 00000.png, 00120.png, ...)");
        String[] open = openImageChoices();
        gd.addChoice("reference_image", open, open[0]);
        gd.addStringField("exemplar_model", "", 24);
        gd.addMessage("(reference_image: an open colour image instead; exemplar_model empty = " + ExemplarSettings.DEFAULT_MODEL + ")");
        gd.addNumericField("quality", VideoFileSink.DEFAULT_QUALITY, 0, 4, "video file output: x264 CRF (0 lossless, 17 visually lossless, 51 worst)");
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String input = gd.getNextString().trim();
        String output = gd.getNextString().trim();
        String model = gd.getNextString().trim();
        double temperature = gd.getNextNumber();
        String device = gd.getNextChoice();
        int batch = (int) gd.getNextNumber();
        boolean overwrite = gd.getNextBoolean();
        boolean convert = gd.getNextBoolean();
        boolean keepColour = gd.getNextBoolean();
        boolean dvp = gd.getNextBoolean();
        Segmenting segmenting = SegmentingFields.next(gd);
        String detector = gd.getNextString().trim();
        String instances = gd.getNextString().trim();
        double score = gd.getNextNumber();
        int maxInstances = (int) gd.getNextNumber();
        boolean untracked = gd.getNextBoolean();
        String reference = gd.getNextString().trim();
        String referenceImage = gd.getNextChoice();
        String exemplarModel = gd.getNextString().trim();
        int quality = (int) gd.getNextNumber();
        Ij1Run.run(COMMAND, (progress, cancel) -> {
            ImagePlus image = input.isEmpty() ? WindowManager.getCurrentImage() : null;
            if (input.isEmpty() && image == null) {
                throw new ColorizeException("There is no open image: open a grayscale stack, or give input=<file or folder>.");
            }
            ColorizeSettings settings = new ColorizeSettings(model, temperature, DeviceChoice.parse(device), batch,
                    InstanceSettings.parse(detector, instances, score, maxInstances, !untracked),
                    exemplar(reference, referenceImage, exemplarModel));
            ColorizeVideoJob.Request request = new ColorizeVideoJob.Request(image, input.isEmpty() ? null : Path.of(input),
                    output.isEmpty() ? null : Path.of(output), settings, overwrite, convert, dvp ? DvpSettings.fast() : null, quality,
                    segmenting, keepColour);
            if (request.image() == null && request.output() == null) {
                throw new ColorizeException("An input path needs an output folder: give output=<folder>.");
            }
            ColorizeVideoJob.Result result = ColorizeVideoJob.run(request, ModelLocator.standard(),
                    progress, cancel);
            IJ.showStatus(COMMAND + ": " + result.summary().frames() + " frames with " + result.summary().model()
                    + " on " + result.summary().device());
            DetectionTable detections = result.summary().detections();
            if (detections != null) {
                ImageJDetections.toResultsTable(detections).show("Detections");
            }
            SegmentingFields.show(result.shots());
            if (result.image() != null) {
                if (detections != null) {
                    result.image().setOverlay(ImageJDetections.toOverlay(detections));
                }
                result.image().show();
            } else {
                IJ.log(COMMAND + ": wrote " + result.output());
            }
        });
    }

    /** "none" and the titles of the open images, for the reference_image choice. */
    private static String[] openImageChoices() {
        String[] titles = WindowManager.getImageTitles();
        String[] choices = new String[titles.length + 1];
        choices[0] = NO_IMAGE;
        System.arraycopy(titles, 0, choices, 1, titles.length);
        return choices;
    }

    /** The exemplar settings from the reference path or the chosen open image (not both); null when neither. */
    private static ExemplarSettings exemplar(String reference, String referenceImage, String model) throws ColorizeException {
        if (NO_IMAGE.equals(referenceImage)) {
            return ExemplarSettings.parse(reference, model);
        }
        if (!reference.isEmpty()) {
            throw new ColorizeException("Both reference=" + reference + " and reference_image=" + referenceImage
                    + " are given; choose one of them.");
        }
        ImagePlus imp = WindowManager.getImage(referenceImage);
        if (imp == null) {
            throw new ColorizeException("The reference image '" + referenceImage + "' is no longer open.");
        }
        return ExemplarSettings.ofImage(ReferenceImages.of(imp, "'" + referenceImage + "'"), referenceImage, model);
    }
}
