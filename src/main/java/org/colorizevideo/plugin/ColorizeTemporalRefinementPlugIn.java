package org.colorizevideo.plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
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
        GenericDialog gd = new GenericDialog(COMMAND + " (DVP)");
        gd.addStringField("input", "", 40);
        gd.addMessage("(the gray clip: empty = the current image; or an open image's title, a TIFF, AVI or folder)");
        gd.addStringField("processed", "", 40);
        gd.addMessage("(its per-frame processed version, e.g. colorized frame by frame: an open image's title or a path)");
        gd.addStringField("output", "", 40);
        gd.addMessage("(empty: show the result; or a folder to write PNG frames / TIFF into, or a .mp4/.mov/.mkv file)");
        gd.addChoice("mode", MODES, "fast");
        gd.addMessage("(fast: learn the colour (a*b*) at 1/4 resolution and keep the input's L*; faithful: the paper's RGB network)");
        gd.addNumericField("epochs", 0, 0, 6, "(0 = the mode's default: 25)");
        gd.addNumericField("lr", 0, 6, 10, "(Adam learning rate; 0 = 0.0001)");
        gd.addNumericField("width", 0, 0, 6, "(U-Net channels; 0 = 16 fast, 32 faithful)");
        gd.addNumericField("seed", DvpSettings.DEFAULT_SEED, 0, 10, "");
        gd.addCheckbox("irt", false);
        gd.addNumericField("warmup", 5, 0, 6, "(IRT: first epochs fit frame 1 only)");
        gd.addNumericField("scale", 0, 3, 6, "(working resolution; 0 = 0.25 fast, 1 faithful)");
        gd.addNumericField("decay", -1, 0, 6, "(last epochs with a falling learning rate; -1 = a fifth of the epochs fast, 0 faithful)");
        SegmentingFields.add(gd);
        gd.addNumericField("quality", VideoFileSink.DEFAULT_QUALITY, 0, 4, "video file output: x264 CRF (0 lossless, 17 visually lossless, 51 worst)");
        gd.addCheckbox("overwrite", false);
        gd.addCheckbox("convert", false);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String input = gd.getNextString().trim();
        String processed = gd.getNextString().trim();
        String output = gd.getNextString().trim();
        String mode = gd.getNextChoice();
        int epochs = (int) gd.getNextNumber();
        double lr = gd.getNextNumber();
        int width = (int) gd.getNextNumber();
        int seed = (int) gd.getNextNumber();
        boolean irt = gd.getNextBoolean();
        int warmup = (int) gd.getNextNumber();
        double scale = gd.getNextNumber();
        int decay = (int) gd.getNextNumber();
        Segmenting segmenting = SegmentingFields.next(gd);
        int quality = (int) gd.getNextNumber();
        boolean overwrite = gd.getNextBoolean();
        boolean convert = gd.getNextBoolean();
        Ij1Run.run(COMMAND, (progress, cancel) -> {
            DvpSettings settings = DvpSettings.resolve(DvpSettings.Mode.parse(mode), epochs, lr, width, seed, irt, warmup, scale,
                    decay);
            ImagePlus inputImage = input.isEmpty() ? WindowManager.getCurrentImage() : openImage(input);
            if (input.isEmpty() && inputImage == null) {
                throw new ColorizeException("There is no open image: open the gray clip, or give input=<file or folder>.");
            }
            if (processed.isEmpty()) {
                throw new ColorizeException("Give processed=<the per-frame processed clip: an open image's title or a path>.");
            }
            ImagePlus processedImage = openImage(processed);
            TemporalRefinementJob.Request request = new TemporalRefinementJob.Request(inputImage,
                    inputImage == null ? Path.of(input) : null, processedImage, processedImage == null ? Path.of(processed) : null,
                    output.isEmpty() ? null : Path.of(output), settings, overwrite, convert, segmenting, quality);
            if (request.inputImage() == null && request.output() == null) {
                throw new ColorizeException("An input path needs an output folder: give output=<folder>.");
            }
            TemporalRefinementJob.Result result = TemporalRefinementJob.run(request, progress, cancel);
            IJ.showStatus(COMMAND + ": " + result.summary());
            SegmentingFields.show(result.shots());
            if (result.image() != null) {
                result.image().show();
            } else {
                IJ.log(COMMAND + ": wrote " + result.output() + " (" + result.summary() + ")");
            }
        });
    }

    /** An open image with this title, or null when none is open under it (then the text is a path). */
    private static ImagePlus openImage(String titleOrPath) {
        return WindowManager.getImage(titleOrPath);
    }
}
