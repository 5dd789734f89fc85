package org.colorizevideo.plugin;

import java.io.File;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.shots.ShotDetector;
import org.colorizevideo.video.VideoFileSink;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SciJava face of Colorize Temporal Refinement (Deep Video Prior), for
 * {@code --headless --run "Colorize Temporal Refinement" "input='gray',processed='colour',output='out'"}.
 * Same parameter names as the ImageJ 1.x plugin; 0 for epochs, lr, width and scale, and -1 for decay,
 * mean the mode's default. Values are not persisted between runs. No menu path of its own (the IJ1 plugin has it).
 */
@Plugin(type = Command.class, label = ColorizeTemporalRefinementPlugIn.COMMAND, headless = true)
public class ColorizeTemporalRefinementCommand extends ContextCommand {

    @Parameter(persist = false, label = "input", description = "the gray clip: video file (.mp4, .mov, .mkv, ...), multi-page TIFF, AVI, or a folder of frames")
    private File input;

    @Parameter(persist = false, label = "processed", description = "its per-frame processed (e.g. colorized) version")
    private File processed;

    @Parameter(persist = false, label = "output", style = "directory", description = "folder for the result (must not exist unless overwrite)")
    private File output;

    @Parameter(persist = false, label = "mode", required = false, choices = {"fast", "faithful"})
    private String mode = "fast";

    @Parameter(persist = false, label = "epochs", required = false, description = "0 = the mode's default (25 both)")
    private int epochs;

    @Parameter(persist = false, label = "lr", required = false, description = "Adam learning rate; 0 = 0.0001")
    private double lr;

    @Parameter(persist = false, label = "width", required = false, description = "U-Net channels; 0 = 16 fast, 32 faithful")
    private int width;

    @Parameter(persist = false, label = "seed", required = false)
    private int seed = DvpSettings.DEFAULT_SEED;

    @Parameter(persist = false, label = "irt", required = false, description = "iteratively reweighted training (multimodal flicker)")
    private boolean irt;

    @Parameter(persist = false, label = "warmup", required = false, description = "IRT: first epochs fit frame 1 only")
    private int warmup = 5;

    @Parameter(persist = false, label = "skip", required = false,
            description = "faithful mode: the network's output is added to the gray input, so it learns the colour, not the picture")
    private boolean skip;

    @Parameter(persist = false, label = "scale", required = false, description = "working resolution; 0 = 0.25 fast, 1 faithful")
    private double scale;

    @Parameter(persist = false, label = "decay", required = false,
            description = "last epochs with a falling learning rate; -1 = the mode's default (a fifth of the epochs fast, 0 faithful)")
    private int decay = -1;

    @Parameter(persist = false, label = "cuts", required = false, min = "0",
            description = "scene cuts: how many times a frame's luma change must exceed its neighbours' (PySceneDetect's adaptive detector); 0 = no cut detection")
    private double cuts = ShotDetector.DEFAULT_THRESHOLD;

    @Parameter(persist = false, label = "min_shot", required = false, min = "1", description = "frames a shot has at least")
    private int min_shot = ShotDetector.DEFAULT_MIN_SHOT;

    @Parameter(persist = false, label = "chunk", required = false, min = "1", description = "most frames refined together; long shots are refined in chunks")
    private int chunk = Segmenting.DEFAULT_CHUNK;

    @Parameter(persist = false, label = "overlap", required = false, min = "0", description = "frames shared and blended between consecutive chunks")
    private int overlap = Segmenting.DEFAULT_OVERLAP;

    @Parameter(persist = false, label = "quality", required = false, min = "0", max = "51", description = "video file output: x264 CRF, 0 lossless, 17 visually lossless, 51 worst")
    private int quality = VideoFileSink.DEFAULT_QUALITY;

    @Parameter(persist = false, label = "overwrite", required = false)
    private boolean overwrite;

    @Parameter(persist = false, label = "convert", required = false, description = "use the luminance of colour input frames")
    private boolean convert;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter
    private LogService log;

    @Parameter
    private StatusService status;

    @Override
    public void run() {
        summary = SciJavaRun.run(this, log, status, (progress, cancel) -> {
            DvpSettings settings = DvpSettings.resolve(DvpSettings.Mode.parse(mode), epochs, lr, width, seed, irt, warmup, scale,
                    decay, skip);
            TemporalRefinementJob.Request request = new TemporalRefinementJob.Request(null,
                    input == null ? null : input.toPath(), null, processed == null ? null : processed.toPath(),
                    output == null ? null : output.toPath(), settings, overwrite, convert,
                    new Segmenting(cuts, min_shot, chunk, overlap), quality);
            TemporalRefinementJob.Result result = TemporalRefinementJob.run(request,
                    progress, cancel);
            return result.summary() + " into " + result.output();
        });
    }
}
