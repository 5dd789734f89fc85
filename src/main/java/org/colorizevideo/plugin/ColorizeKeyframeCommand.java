package org.colorizevideo.plugin;

import java.io.File;
import java.nio.file.Path;
import org.colorizevideo.hints.HintSet;
import org.colorizevideo.model.DeviceChoice;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SciJava face of Colorize Keyframe, for
 * {@code --headless --run "Colorize Keyframe" "input='gray/',frame=12,hints='hints.zip',model='…',output='keys/'"}.
 * Same parameter names as the ImageJ 1.x plugin; the hints come from a ROI file (RoiSet .zip or .roi).
 * Values are not persisted between runs; no menu path of its own (Fiji keeps the IJ1 plugin's entry).
 */
@Plugin(type = Command.class, label = ColorizeKeyframePlugIn.COMMAND, headless = true)
public class ColorizeKeyframeCommand extends ContextCommand {

    @Parameter(persist = false, label = "input", description = "the gray clip: video file, TIFF, AVI, folder of frames or one image")
    private File input;

    @Parameter(persist = false, label = "frame", required = false, min = "1", description = "the frame to colour (1-based)")
    private int frame = 1;

    @Parameter(persist = false, label = "hints", description = "ImageJ selections with their stroke colours: a RoiSet .zip or a .roi file")
    private File hints;

    @Parameter(persist = false, label = "model", required = false,
            description = "a model that takes hints (default: our hint model compact-hints-v1; name in models/ or path to its .json), "
                    + "or none = no network, the hints spread along edges")
    private String model = ColorizeKeyframeJob.DEFAULT_MODEL;

    @Parameter(persist = false, label = "spread", required = false,
            description = "spread what the hints still say after the network along the frame's edges (needed with model=none)")
    private boolean spread = true;

    @Parameter(persist = false, label = "hint_size", required = false, min = "1", description = "model pixels per clicked point")
    private int hint_size = HintSet.DEFAULT_CLICK_SIZE;

    @Parameter(persist = false, label = "temperature", required = false, description = "annealed-mean temperature (logits models); 0 = the model's")
    private double temperature;

    @Parameter(persist = false, label = "device", required = false, choices = {"auto", "cpu", "gpu"}, description = "where ONNX Runtime runs")
    private String device = "auto";

    @Parameter(persist = false, label = "output", required = false, description = "keyframe folder (NNNNN.png, 0-based) or a .png file; empty = not written")
    private String output = "";

    @Parameter(persist = false, label = "overwrite", required = false, description = "replace an existing keyframe")
    private boolean overwrite;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter
    private LogService log;

    @Parameter
    private StatusService status;

    @Override
    public void run() {
        summary = SciJavaRun.run(this, log, status, (progress, cancel) -> {
            ColorizeKeyframeJob.Request request = new ColorizeKeyframeJob.Request(null, input == null ? null : input.toPath(),
                    frame, null, hints == null ? null : hints.toPath(), model, temperature, hint_size,
                    DeviceChoice.parse(device), output == null || output.isBlank() ? null : Path.of(output.trim()), overwrite,
                    spread);
            return ColorizeKeyframeJob.summary(ColorizeKeyframeJob.run(request));
        });
    }
}
