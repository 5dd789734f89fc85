package org.colorizevideo.plugin;

import java.io.File;
import org.colorizevideo.video.VideoFileSink;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.shots.ShotDetector;
import org.colorizevideo.exemplar.ExemplarSettings;
import org.colorizevideo.instance.DetectionFilter;
import org.colorizevideo.instance.InstanceSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SciJava face of Colorize Video, for {@code --headless --run "Colorize Video" "input='…',output='…'"}.
 * Same parameter names as the ImageJ 1.x plugin. Values are not persisted between runs, so a batch
 * run never inherits a previous run's model or overwrite flag. It has no menu path of its own so that Fiji's menu
 * keeps one "Colorize Video" entry (the IJ1 plugin's).
 */
@Plugin(type = Command.class, label = ColorizeVideoPlugIn.COMMAND, headless = true)
public class ColorizeVideoCommand extends ContextCommand {

    @Parameter(persist = false, label = "input", description = "video file (.mp4, .mov, .mkv, ...), multi-page TIFF, AVI, or a folder of png/jpg/tif frames")
    private File input;

    @Parameter(persist = false, label = "output", style = "directory", description = "folder for the result, or a video file (.mp4, .mov, .mkv: H.264 with the input's sound); must not exist unless overwrite")
    private File output;

    @Parameter(persist = false, label = "model", required = false, description = "model name in models/ or path to its .onnx")
    private String model = ModelLocator.DEFAULT_MODEL;

    @Parameter(persist = false, label = "temperature", required = false, description = "annealed-mean temperature; 0 = the model's default")
    private double temperature;

    @Parameter(persist = false, label = "saturation", required = false, description = "chroma gain: each frame's colours spread from their mean; 0 = the model's own, 1 = as the model gives them")
    private double saturation;

    @Parameter(persist = false, label = "device", required = false, choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Parameter(persist = false, label = "batch", required = false, min = "1", description = "frames per inference call")
    private int batch = 4;

    @Parameter(persist = false, label = "overwrite", required = false)
    private boolean overwrite;

    @Parameter(persist = false, label = "convert", required = false, description = "colorize the luminance of colour frames")
    private boolean convert;

    @Parameter(persist = false, label = "keep_colour", required = false, description = "write frames already in colour (a title card, a tinted scene) as they are")
    private boolean keep_colour;

    @Parameter(persist = false, label = "dvp", required = false, description = "remove flicker afterwards (Deep Video Prior, fast mode)")
    private boolean dvp;

    @Parameter(persist = false, label = "cuts", required = false, min = "0",
            description = "scene cuts: how many times a frame's luma change must exceed its neighbours' (PySceneDetect's adaptive detector); 0 = no cut detection")
    private double cuts = ShotDetector.DEFAULT_THRESHOLD;

    @Parameter(persist = false, label = "min_shot", required = false, min = "1", description = "frames a shot has at least")
    private int min_shot = ShotDetector.DEFAULT_MIN_SHOT;

    @Parameter(persist = false, label = "chunk", required = false, min = "1", description = "most frames refined together; long shots are refined in chunks")
    private int chunk = Segmenting.DEFAULT_CHUNK;

    @Parameter(persist = false, label = "overlap", required = false, min = "0", description = "frames shared and blended between consecutive chunks")
    private int overlap = Segmenting.DEFAULT_OVERLAP;

    @Parameter(persist = false, label = "detector", required = false, description = "Mask R-CNN export (name or .onnx) for instance-aware colorization")
    private String detector = "";

    @Parameter(persist = false, label = "instances", required = false, description = "InstColorization export (name or .json); replaces model")
    private String instances = "";

    @Parameter(persist = false, label = "score", required = false, min = "0", max = "1", description = "minimum detection score")
    private double score = DetectionFilter.DEFAULT_THRESHOLD;

    @Parameter(persist = false, label = "max_instances", required = false, min = "1", max = "8", description = "boxes per frame, best first")
    private int max_instances = DetectionFilter.DEFAULT_MAX_INSTANCES;

    @Parameter(persist = false, label = "untracked", required = false, description = "each frame uses its own boxes (no association across frames)")
    private boolean untracked;

    @Parameter(persist = false, label = "reference", required = false, description = "colour image, or folder of keyframes named by frame number (00000.png, 00120.png, ...): the clip takes its colours from it")
    private String reference = "";

    @Parameter(persist = false, label = "exemplar_model", required = false, description = "exemplar model (name or .json); empty = " + ExemplarSettings.DEFAULT_MODEL)
    private String exemplar_model = "";

    @Parameter(persist = false, label = "quality", required = false, min = "0", max = "51", description = "video file output: x264 CRF, 0 lossless, 17 visually lossless, 51 worst")
    private int quality = VideoFileSink.DEFAULT_QUALITY;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter
    private LogService log;

    @Parameter
    private StatusService status;

    @Override
    public void run() {
        summary = SciJavaRun.run(this, log, status, (progress, cancel) -> {
            ColorizeSettings settings = new ColorizeSettings(model, temperature, DeviceChoice.parse(device), batch,
                    InstanceSettings.parse(detector, instances, score, max_instances, !untracked),
                    ExemplarSettings.parse(reference, exemplar_model)).withSaturation(saturation);
            ColorizeVideoJob.Request request = new ColorizeVideoJob.Request(null, input == null ? null : input.toPath(),
                    output == null ? null : output.toPath(), settings, overwrite, convert, dvp ? DvpSettings.fast() : null, quality,
                    new Segmenting(cuts, min_shot, chunk, overlap), keep_colour);
            ColorizeVideoJob.Result result = ColorizeVideoJob.run(request, ModelLocator.standard(),
                    progress, cancel);
            return result.summary().frames() + " frames colorized with " + result.summary().model() + " on "
                    + result.summary().device()
                    + (Double.isNaN(result.summary().temperature()) ? "" : " (T=" + result.summary().temperature() + ")")
                    + (result.refinement() == null ? "" : ", refined: " + result.refinement())
                    + (result.summary().detections() == null ? "" : ", " + result.summary().detections().size() + " boxes (detections.csv)")
                    + " into " + result.output();
        });
    }
}
