package org.colorizevideo.plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import java.awt.AWTEvent;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import org.colorizevideo.video.VideoFileSink;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.exemplar.ExemplarManifest;
import org.colorizevideo.exemplar.ExemplarSettings;
import org.colorizevideo.exemplar.ReferenceImages;
import org.colorizevideo.instance.DetectionFilter;
import org.colorizevideo.instance.DetectionTable;
import org.colorizevideo.instance.ImageJDetections;
import org.colorizevideo.instance.InstanceSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.model.ModelManifest;

/**
 * Plugins > Colorize > Colorize Video: the ImageJ 1.x face of the engine. Macro form:
 * {@code run("Colorize Video", "input=[] output=[/out] model=compact-lab-v2 temperature=0 saturation=0 device=auto batch=4");}
 * (add {@code dvp} for Deep Video Prior refinement in fast mode after colorization; add
 * {@code detector=[maskrcnn] instances=[instcolor]} for instance-aware colorization, with {@code score},
 * {@code max_instances} and {@code untracked}; add {@code reference=[colour.png]} or
 * {@code reference=[keyframes/]} for exemplar-based colorization, with {@code exemplar_model}).
 * An empty input colorizes the current image, the title of an open image that image (else input is a
 * path); the dialog's keys are the parameter names.
 *
 * <p>A person gets two dialogs: the common one (input, output, colours, film options, a live preview of
 * the current slice, Help) and, after ticking "advanced", device, batch, scene cuts, instances and
 * video quality; both remember the last values. A macro reads both from its one options string with
 * the built-in defaults (see {@link DialogKit}); the keys are those of earlier versions, plus
 * {@code model_file} and {@code exemplar_model_file} (a model given as a file).
 */
public class ColorizeVideoPlugIn implements PlugIn {

    public static final String COMMAND = "Colorize Video";
    private static final String[] DEVICES = {"auto", "cpu", "gpu"};
    private static final String NO_IMAGE = "none";

    @Override
    public void run(String arg) {
        ImagePlus current = WindowManager.getCurrentImage();
        GenericDialog gd = new GenericDialog(COMMAND);
        DialogKit kit = new DialogKit(gd, COMMAND);
        ModelLocator locator = ModelLocator.standard();
        kit.heading("Input and output");
        kit.file("input", 40);
        kit.openImageButton("input");
        gd.addMessage(current == null ? "(a video file (.mp4, .mov, .mkv, ...), TIFF, AVI or folder of frames; drop one here)"
                : "(empty: the current image '" + current.getTitle() + "'; an open image's title; or a video file, TIFF, AVI"
                        + " or folder of frames)");
        kit.folder("output", 40);
        gd.addMessage("(empty: show the result; or a folder for PNG frames / TIFF, or a .mp4/.mov/.mkv file)");
        kit.heading("Colours");
        kit.model("model", locator.names(ModelManifest.FORMAT, ModelLocator.DEFAULT_MODEL, ModelLocator.EARLIER_MODEL),
                ModelLocator.DEFAULT_MODEL);
        kit.number("temperature", 0, 2, 6, "(0 = the model's default; lower = more saturated)");
        kit.number("saturation", 0, 2, 6, "(0 = the model's; 1 = as decoded; higher = more colourful)");
        gd.addMessage("Exemplar-based: the clip takes its colours from a reference (empty = off)");
        kit.file("reference", 40);
        gd.addMessage("(a colour image, or a folder of keyframes named by frame number: 00000.png, 00120.png, ...)");
        String[] open = openImageChoices();
        gd.addChoice("reference_image", open, open[0]);
        kit.model("exemplar_model", locator.names(ExemplarManifest.FORMAT, ExemplarSettings.DEFAULT_MODEL),
                ExemplarSettings.DEFAULT_MODEL);
        kit.heading("Film");
        kit.checkbox("keep_colour", false);
        gd.addMessage("(frames already in colour, such as a title card or a tinted scene, are written as they are)");
        kit.checkbox("dvp", false);
        gd.addMessage("(remove flicker afterwards with Deep Video Prior, fast mode: trains a small network on the clip)");
        kit.checkbox("convert", false);
        kit.checkbox("overwrite", false);
        boolean previewable = kit.isInteractive() && current != null;
        if (previewable) {
            gd.addCheckbox("preview", false);
        }
        if (kit.isInteractive()) {
            gd.addCheckbox("advanced", false);
            gd.addMessage("(advanced: device, batch, scene cuts, instance-aware colorization, video quality)");
        }
        kit.help(HelpPages.COLORIZE_VIDEO);
        ColorizePreview preview = previewable ? new ColorizePreview(current, locator) : null;
        if (preview != null) {
            gd.addDialogListener(new PreviewListener(kit, preview));
        }
        gd.showDialog();
        if (preview != null) {
            preview.clear();
        }
        if (gd.wasCanceled()) {
            return;
        }
        kit.remembering(true);
        DialogKit.untick(gd, "preview"); // a preview is not part of the recorded command
        Main main = readMain(gd, kit, previewable);
        Advanced advanced = main.advanced() || !kit.isInteractive() ? advancedDialog(kit.isInteractive()) : Advanced.DEFAULTS;
        if (advanced == null) {
            return;
        }
        Ij1Run.run(COMMAND, (progress, cancel) -> {
            ImagePlus image = main.input().isEmpty() ? WindowManager.getCurrentImage() : WindowManager.getImage(main.input());
            if (main.input().isEmpty() && image == null) {
                throw new ColorizeException("There is no open image: open a grayscale stack, or give input=<file or folder>.");
            }
            ColorizeSettings settings = settings(main, advanced);
            ColorizeVideoJob.Request request = new ColorizeVideoJob.Request(image,
                    image != null ? null : Path.of(main.input()),
                    main.output().isEmpty() ? null : Path.of(main.output()), settings, main.overwrite(), main.convert(),
                    main.dvp() ? DvpSettings.fast() : null, advanced.quality(), advanced.segmenting(), main.keepColour());
            if (request.image() == null && request.output() == null) {
                throw new ColorizeException("An input path needs an output folder: give output=<folder>.");
            }
            ColorizeVideoJob.Result result = ColorizeVideoJob.run(request, locator, progress, cancel);
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

    /** The first dialog's values, in the order its fields were added. */
    private record Main(String input, String output, String model, double temperature, double saturation, String reference,
            String referenceImage, String exemplarModel, boolean keepColour, boolean dvp, boolean convert, boolean overwrite,
            boolean preview, boolean advanced) {
    }

    /** The advanced dialog's values; the defaults when a person did not open it. */
    private record Advanced(String device, int batch, Segmenting segmenting, String detector, String instances, double score,
            int maxInstances, boolean untracked, int quality) {

        static final Advanced DEFAULTS = new Advanced("auto", 4, Segmenting.defaults(), "", "",
                DetectionFilter.DEFAULT_THRESHOLD, DetectionFilter.DEFAULT_MAX_INSTANCES, false, VideoFileSink.DEFAULT_QUALITY);
    }

    private static Main readMain(GenericDialog gd, DialogKit kit, boolean previewable) {
        String input = kit.nextPath("input");
        String output = kit.nextPath("output");
        String model = kit.nextModel("model");
        double temperature = kit.nextNumber("temperature");
        double saturation = kit.nextNumber("saturation");
        String reference = kit.nextPath("reference");
        String referenceImage = gd.getNextChoice();
        String exemplarModel = kit.nextModel("exemplar_model");
        boolean keepColour = kit.nextBoolean("keep_colour");
        boolean dvp = kit.nextBoolean("dvp");
        boolean convert = kit.nextBoolean("convert");
        boolean overwrite = kit.nextBoolean("overwrite");
        boolean preview = previewable && gd.getNextBoolean();
        boolean advanced = kit.isInteractive() && gd.getNextBoolean();
        return new Main(input, output, model, temperature, saturation, reference, referenceImage, exemplarModel, keepColour, dvp, convert,
                overwrite, preview, advanced);
    }

    /**
     * Device, batch, scene cuts, instances and video quality. A person sees it after ticking "advanced";
     * a macro always reads it (its keys are part of the one recorded command). Null when cancelled.
     */
    private static Advanced advancedDialog(boolean interactive) {
        GenericDialog gd = new GenericDialog(COMMAND + ": advanced");
        DialogKit kit = new DialogKit(gd, COMMAND, interactive);
        kit.heading("Computation");
        kit.choice("device", DEVICES, "auto");
        kit.number("batch", 4, 0, 4, "frames per inference call");
        kit.heading("Scene cuts and refinement in chunks (dvp, keyframes)");
        SegmentingFields.add(gd);
        kit.heading("Instance-aware colorization (InstColorization): both empty = off");
        kit.file("detector", 30);
        kit.file("instances", 30);
        gd.addMessage("(detector: a Mask R-CNN export; instances: an InstColorization export, replaces model)");
        kit.number("score", DetectionFilter.DEFAULT_THRESHOLD, 2, 6, "minimum detection score");
        kit.number("max_instances", DetectionFilter.DEFAULT_MAX_INSTANCES, 0, 4, "boxes per frame, best first");
        kit.checkbox("untracked", false);
        gd.addMessage("(untracked: each frame uses its own boxes, as the paper; default: boxes are followed across frames)");
        kit.heading("Video file output");
        kit.number("quality", VideoFileSink.DEFAULT_QUALITY, 0, 4, "x264 CRF (0 lossless, 17 visually lossless, 51 worst)");
        kit.help(HelpPages.COLORIZE_VIDEO);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        kit.remembering(true);
        return new Advanced(kit.nextChoice("device"), (int) kit.nextNumber("batch"), SegmentingFields.next(gd),
                kit.nextPath("detector"), kit.nextPath("instances"), kit.nextNumber("score"), (int) kit.nextNumber("max_instances"),
                kit.nextBoolean("untracked"), (int) kit.nextNumber("quality"));
    }

    private static ColorizeSettings settings(Main main, Advanced advanced) throws ColorizeException {
        return new ColorizeSettings(main.model(), main.temperature(), DeviceChoice.parse(advanced.device()), advanced.batch(),
                InstanceSettings.parse(advanced.detector(), advanced.instances(), advanced.score(), advanced.maxInstances(),
                        !advanced.untracked()),
                exemplar(main.reference(), main.referenceImage(), main.exemplarModel())).withSaturation(main.saturation());
    }

    /**
     * Colorizes the current slice again when a setting that changes its colours changes (model,
     * temperature, saturation, reference), on a thread of its own so the dialog stays responsive; ticking preview
     * off removes it.
     */
    private static final class PreviewListener implements DialogListener {

        private final DialogKit kit;
        private final ColorizePreview preview;
        private String shownFor; // the settings the preview on screen was asked for

        PreviewListener(DialogKit kit, ColorizePreview preview) {
            this.kit = kit;
            this.preview = preview;
        }

        @Override
        public boolean dialogItemChanged(GenericDialog gd, AWTEvent e) {
            kit.remembering(false);
            Main main = readMain(gd, kit, true);
            if (!main.preview()) {
                preview.clear();
                shownFor = null;
                return true;
            }
            String key = String.join("|", main.model(), Double.toString(main.temperature()),
                    Double.toString(main.saturation()), main.reference(),
                    main.referenceImage(), main.exemplarModel());
            if (key.equals(shownFor)) {
                return true; // another field changed (output, a checkbox): the colours stay the same
            }
            shownFor = key;
            Thread worker = new Thread(() -> {
                try {
                    IJ.showStatus(preview.update(settings(main, Advanced.DEFAULTS)));
                } catch (ColorizeException ex) {
                    IJ.showStatus("Preview: " + ex.getMessage());
                }
            }, "Colorize Video preview");
            worker.setDaemon(true);
            worker.start();
            return true;
        }
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
