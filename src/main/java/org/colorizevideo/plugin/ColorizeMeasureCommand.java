package org.colorizevideo.plugin;

import java.io.File;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.flow.OpenCvFlow;
import org.colorizevideo.metrics.ClipMeasure;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SciJava face of Colorize Measure, for
 * {@code --headless --run "Colorize Measure" "result='…',reference='…',input='…',output='…'"}. Same
 * parameter names as the ImageJ 1.x plugin; writes {@code metrics.csv} and {@code metrics.png} into
 * {@code output} and also fills ImageJ's "Results" table. Values are not persisted between runs. No menu
 * path of its own, so Fiji keeps one "Colorize Measure" entry (the IJ1 plugin's).
 */
@Plugin(type = Command.class, label = ColorizeMeasurePlugIn.COMMAND, headless = true)
public class ColorizeMeasureCommand extends ContextCommand {

    @Parameter(persist = false, label = "result", description = "the colorized clip: video file (.mp4, .mov, .mkv, ...), TIFF, AVI or folder of frames")
    private File result;

    @Parameter(persist = false, label = "reference", required = false, description = "colour ground truth (adds PSNR, SSIM, LPIPS); empty = none")
    private String reference = "";

    @Parameter(persist = false, label = "input", required = false, description = "the gray input (adds the warp error); empty = none")
    private String input = "";

    @Parameter(persist = false, label = "output", style = "directory", description = "folder for metrics.csv and metrics.png")
    private File output;

    @Parameter(persist = false, label = "flow", required = false, choices = {"dis-medium", "dis-fast", "dis-ultrafast", "farneback"},
            description = "optical flow for the warp error")
    private String flow = OpenCvFlow.DEFAULT.id;

    @Parameter(persist = false, label = "lpips", required = false, description = "LPIPS network (.onnx with its .json); empty = none")
    private String lpips = "";

    @Parameter(persist = false, label = "threads", required = false, min = "0", description = "worker threads; 0 = all cores")
    private int threads;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter
    private LogService log;

    @Parameter
    private StatusService status;

    @Override
    public void run() {
        summary = SciJavaRun.run(this, log, status, (progress, cancel) -> {
            ClipMeasure.Settings settings = new ClipMeasure.Settings(flow, path(lpips),
                    threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
            ColorizeMeasureJob.Request request = new ColorizeMeasureJob.Request(null, result == null ? null : result.toPath(),
                    path(reference), path(input), output == null ? null : output.toPath(), settings);
            if (request.output() == null) {
                throw new ColorizeException("No output folder: give output=<folder> for metrics.csv and metrics.png.");
            }
            ColorizeMeasureJob.Result r = ColorizeMeasureJob.run(request,
                    progress, cancel);
            ColorizeMeasureJob.toResultsTable(r.table());
            return r.table().frames() + " frames measured into " + r.csv() + ": " + ColorizeMeasureJob.summaryLine(r.table());
        });
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.trim());
    }
}
