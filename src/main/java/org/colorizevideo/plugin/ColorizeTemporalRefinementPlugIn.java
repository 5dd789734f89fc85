package org.colorizevideo.plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.video.VideoFileSink;

/**
 * Plugins > Colorize > Colorize Temporal Refinement (DVP): Deep Video Prior on a gray clip and its
 * per-frame processed (e.g. colorized) version. Macro form:
 * {@code run("Colorize Temporal Refinement", "input=[] processed=[colour.tif] output=[/out] mode=fast epochs=0 lr=0 width=0 seed=2020 warmup=5 scale=0 decay=-1 cuts=3 min_shot=15 chunk=300 overlap=15 quality=17");}
 * input and processed are the title of an open image or a path (empty input: the current image);
 * 0 for epochs, lr, width and scale, and -1 for decay, mean the mode's default. The dialog's keys are the parameter names.
 */
public class ColorizeTemporalRefinementPlugIn implements PlugIn {

    public static final String COMMAND = "Colorize Temporal Refinement";
    private static final String[] MODES = {"fast", "faithful"};

    @Override
    public void run(String arg) {
        ImagePlus current = WindowManager.getCurrentImage();
        GenericDialog gd = new GenericDialog(COMMAND + " (DVP)");
        DialogKit kit = new DialogKit(gd, COMMAND);
        kit.heading("Clips");
        kit.file("input", 40);
        kit.openImageButton("input");
        gd.addMessage("(the gray clip: " + (current == null ? "" : "empty = the current image '" + current.getTitle() + "'; ")
                + "an open image's title, a video file, TIFF, AVI or folder)");
        kit.file("processed", 40);
        kit.openImageButton("processed");
        gd.addMessage("(its per-frame processed version, e.g. colorized frame by frame: an open image's title or a path)");
        kit.folder("output", 40);
        gd.addMessage("(empty: show the result; or a folder for PNG frames / TIFF, or a .mp4/.mov/.mkv file)");
        kit.heading("Training");
        kit.choice("mode", MODES, "fast");
        gd.addMessage("(fast: learn the colour (a*b*) at 1/4 resolution and keep the input's L*; faithful: the paper's RGB network)");
        kit.number("epochs", 0, 0, 6, "(0 = the mode's default: 25)");
        kit.checkbox("irt", false);
        gd.addMessage("(irt: iterative reweighted training, for inputs whose colours jump between two choices)");
        java.awt.Component estimate = null;
        if (kit.isInteractive()) {
            gd.addMessage(estimateText(current, "", "fast", 0, 0, 0));
            estimate = gd.getMessage();
        }
        kit.checkbox("overwrite", false);
        kit.checkbox("convert", false);
        if (kit.isInteractive()) {
            gd.addCheckbox("advanced", false);
            gd.addMessage("(advanced: learning rate, width, seed, IRT warm-up, scale, decay, input skip, scene cuts, chunks, video quality)");
            java.awt.Component label = estimate;
            gd.addDialogListener((dialog, e) -> {
                kit.remembering(false);
                Main m = readMain(dialog, kit);
                setText(label, estimateText(WindowManager.getCurrentImage(), m.input(), m.mode(), m.epochs(), 0, 0));
                return true;
            });
        }
        kit.help(HelpPages.TEMPORAL_REFINEMENT);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        kit.remembering(true);
        Main main = readMain(gd, kit);
        Advanced adv = main.advanced() || !kit.isInteractive() ? advancedDialog(kit.isInteractive()) : Advanced.DEFAULTS;
        if (adv == null) {
            return;
        }
        Ij1Run.run(COMMAND, (progress, cancel) -> {
            DvpSettings settings = DvpSettings.resolve(DvpSettings.Mode.parse(main.mode()), main.epochs(), adv.lr(), adv.width(),
                    adv.seed(), main.irt(), adv.warmup(), adv.scale(), adv.decay(), adv.skip());
            String input = main.input();
            ImagePlus inputImage = input.isEmpty() ? WindowManager.getCurrentImage() : openImage(input);
            if (input.isEmpty() && inputImage == null) {
                throw new ColorizeException("There is no open image: open the gray clip, or give input=<file or folder>.");
            }
            if (main.processed().isEmpty()) {
                throw new ColorizeException("Give processed=<the per-frame processed clip: an open image's title or a path>.");
            }
            ImagePlus processedImage = openImage(main.processed());
            TemporalRefinementJob.Request request = new TemporalRefinementJob.Request(inputImage,
                    inputImage == null ? Path.of(input) : null, processedImage,
                    processedImage == null ? Path.of(main.processed()) : null,
                    main.output().isEmpty() ? null : Path.of(main.output()), settings, main.overwrite(), main.convert(),
                    adv.segmenting(), adv.quality());
            if (request.inputImage() == null && request.output() == null) {
                throw new ColorizeException("An input path needs an output folder: give output=<folder>.");
            }
            TemporalRefinementJob.Result result = TemporalRefinementJob.run(request, progress, cancel);
            if (kit.isInteractive()) {
                RefinementEstimate.remember(result.summary());
            }
            IJ.showStatus(COMMAND + ": " + result.summary());
            SegmentingFields.show(result.shots());
            if (result.image() != null) {
                result.image().show();
            } else {
                IJ.log(COMMAND + ": wrote " + result.output() + " (" + result.summary() + ")");
            }
        });
    }

    private record Main(String input, String processed, String output, String mode, int epochs, boolean irt, boolean overwrite,
            boolean convert, boolean advanced) {
    }

    private record Advanced(double lr, int width, int seed, int warmup, double scale, int decay, boolean skip,
            Segmenting segmenting, int quality) {

        static final Advanced DEFAULTS = new Advanced(0, 0, DvpSettings.DEFAULT_SEED, 5, 0, -1, false, Segmenting.defaults(),
                VideoFileSink.DEFAULT_QUALITY);
    }

    private static Main readMain(GenericDialog gd, DialogKit kit) {
        return new Main(kit.nextPath("input"), kit.nextPath("processed"), kit.nextPath("output"), kit.nextChoice("mode"),
                (int) kit.nextNumber("epochs"), kit.nextBoolean("irt"), kit.nextBoolean("overwrite"),
                kit.nextBoolean("convert"), kit.isInteractive() && gd.getNextBoolean());
    }

    /** The rarely changed settings: shown after ticking "advanced"; a macro always reads them. Null when cancelled. */
    private static Advanced advancedDialog(boolean interactive) {
        GenericDialog gd = new GenericDialog(COMMAND + ": advanced");
        DialogKit kit = new DialogKit(gd, COMMAND, interactive);
        kit.heading("Network and training");
        kit.number("lr", 0, 6, 10, "(Adam learning rate; 0 = 0.0001)");
        kit.number("width", 0, 0, 6, "(U-Net channels, a multiple of 16; 0 = 16 fast, 32 faithful)");
        kit.number("seed", DvpSettings.DEFAULT_SEED, 0, 10, "");
        kit.number("warmup", 5, 0, 6, "(IRT: first epochs fit frame 1 only)");
        kit.number("scale", 0, 3, 6, "(working resolution; 0 = 0.25 fast, 1 faithful)");
        kit.number("decay", -1, 0, 6, "(last epochs with a falling learning rate; -1 = a fifth of the epochs fast, 0 faithful)");
        kit.checkbox("skip", false);
        gd.addMessage("(skip, faithful mode: the network's output is added to the gray input, so it learns the colour\n"
                + "instead of redrawing the picture: consistent after one epoch instead of many)");
        kit.heading("Scene cuts and chunks");
        SegmentingFields.add(gd);
        kit.heading("Video file output");
        kit.number("quality", VideoFileSink.DEFAULT_QUALITY, 0, 4, "x264 CRF (0 lossless, 17 visually lossless, 51 worst)");
        kit.help(HelpPages.TEMPORAL_REFINEMENT);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        return new Advanced(kit.nextNumber("lr"), (int) kit.nextNumber("width"), (int) kit.nextNumber("seed"),
                (int) kit.nextNumber("warmup"), kit.nextNumber("scale"), (int) kit.nextNumber("decay"), kit.nextBoolean("skip"),
                SegmentingFields.next(gd),
                (int) kit.nextNumber("quality"));
    }

    /** The dialog's estimate line for the clip named by input (empty: the current image) with these settings. */
    static String estimateText(ImagePlus current, String input, String mode, int epochs, int width, double scale) {
        int[] size = ClipSize.of(current, input);
        String sentence = null;
        try {
            DvpSettings s = DvpSettings.resolve(DvpSettings.Mode.parse(mode), epochs, 0, width, DvpSettings.DEFAULT_SEED, false, 5,
                    scale, -1);
            sentence = size == null ? null : RefinementEstimate.sentence(size[0], size[1], size[2], s);
        } catch (ColorizeException e) {
            return e.getMessage();
        }
        return sentence != null ? sentence
                : "Estimated training time: shown for an open image or a folder of frames as input";
    }

    private static void setText(java.awt.Component label, String text) {
        if (label instanceof java.awt.Label l) {
            l.setText(text);
        } else if (label instanceof ij.gui.MultiLineLabel m) {
            m.setText(text);
        }
    }

    /** An open image with this title, or null when none is open under it (then the text is a path). */
    private static ImagePlus openImage(String titleOrPath) {
        return WindowManager.getImage(titleOrPath);
    }
}
