package org.colorizevideo.plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.flow.OpenCvFlow;
import org.colorizevideo.metrics.ClipMeasure;
import org.colorizevideo.metrics.MetricsTable;

/**
 * Plugins > Colorize > Colorize Measure: PSNR, SSIM, colourfulness, CDC, warp error and LPIPS of a
 * colorized clip in the "Results" table, with a per-frame plot. Macro form:
 * <pre>
 * run("Colorize Measure", "result=[/clips/colour] reference=[/clips/truth] input=[/clips/gray] output=[/clips/metrics] flow=dis-medium lpips=[] threads=0");
 * v = getResult("PSNR", 0);   // frame 1; the last row (nResults-1) is the mean
 * </pre>
 * An empty {@code result} measures the current image. The dialog's keys are the parameter names.
 */
public class ColorizeMeasurePlugIn implements PlugIn {

    public static final String COMMAND = "Colorize Measure";

    @Override
    public void run(String arg) {
        ImagePlus current = WindowManager.getCurrentImage();
        GenericDialog gd = new GenericDialog(COMMAND);
        DialogKit kit = new DialogKit(gd, COMMAND);
        kit.heading("Clips");
        kit.file("result", 40);
        kit.openImageButton("result");
        gd.addMessage("(the colorized clip: " + (current == null ? "" : "empty = the current image '" + current.getTitle() + "'; ")
                + "an open image's title; a TIFF, AVI or folder of frames)");
        kit.file("reference", 40);
        kit.openImageButton("reference");
        gd.addMessage("(optional colour ground truth, an open image or a path: adds PSNR, SSIM and LPIPS)");
        kit.file("input", 40);
        kit.openImageButton("input");
        gd.addMessage("(optional gray input that was colorized, an open image or a path: adds the warp error)");
        kit.folder("output", 40);
        gd.addMessage("(optional folder for " + ColorizeMeasureJob.CSV + " and " + ColorizeMeasureJob.PNG + ")");
        kit.heading("Options");
        kit.choice("flow", OpenCvFlow.Method.ids(), OpenCvFlow.DEFAULT.id);
        gd.addMessage("(optical flow for the warp error)");
        kit.file("lpips", 40);
        gd.addMessage("(optional LPIPS network: an .onnx with its .json manifest)");
        kit.number("threads", 0, 0, 4, "(0 = all cores)");
        kit.help(HelpPages.MEASURE);
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String result = kit.nextPath("result");
        String reference = kit.nextPath("reference");
        String input = kit.nextPath("input");
        String output = kit.nextPath("output");
        String flow = kit.nextChoice("flow");
        String lpips = kit.nextPath("lpips");
        int threads = (int) kit.nextNumber("threads");
        Ij1Run.run(COMMAND, (progress, cancel) -> {
            ImagePlus image = result.isEmpty() ? WindowManager.getCurrentImage() : WindowManager.getImage(result);
            if (result.isEmpty() && image == null) {
                throw new ColorizeException("There is no open image: open the colorized stack, or give result=<file or folder>.");
            }
            ClipMeasure.Settings settings = new ClipMeasure.Settings(flow, path(lpips),
                    threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
            ImagePlus referenceImage = reference.isEmpty() ? null : WindowManager.getImage(reference);
            ImagePlus inputImage = input.isEmpty() ? null : WindowManager.getImage(input);
            ColorizeMeasureJob.Request request = new ColorizeMeasureJob.Request(image, image != null ? null : path(result),
                    referenceImage != null ? null : path(reference), inputImage != null ? null : path(input), path(output),
                    settings, referenceImage, inputImage);
            ColorizeMeasureJob.Result r = ColorizeMeasureJob.run(request, progress, cancel);
            MetricsTable table = r.table();
            ColorizeMeasureJob.toResultsTable(table).show("Results");
            if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) {
                ColorizeMeasureJob.plot(table).show();
            }
            IJ.showStatus(COMMAND + ": " + table.frames() + " frames in " + String.format(java.util.Locale.ROOT, "%.1f s",
                    table.timing().wall()));
            if (r.csv() != null) {
                IJ.log(COMMAND + ": wrote " + r.csv() + " and " + r.png());
            }
        });
    }

    private static Path path(String s) {
        return s.isEmpty() ? null : Path.of(s);
    }
}
