package org.colorizevideo.plugin;

import java.io.File;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The SciJava face of Colorize Video, for {@code --headless --run "Colorize Video" "input='…',output='…'"}.
 * Same parameter names as the ImageJ 1.x plugin. It has no menu path of its own so that Fiji's menu
 * keeps one "Colorize Video" entry (the IJ1 plugin's).
 */
@Plugin(type = Command.class, label = ColorizeVideoPlugIn.COMMAND, headless = true)
public class ColorizeVideoCommand implements Command {

    @Parameter(label = "input", description = "multi-page TIFF, AVI, or a folder of png/jpg/tif frames")
    private File input;

    @Parameter(label = "output", style = "directory", description = "folder for the result (must not exist unless overwrite)")
    private File output;

    @Parameter(label = "model", required = false, description = "model name in models/ or path to its .onnx")
    private String model = ModelLocator.DEFAULT_MODEL;

    @Parameter(label = "temperature", required = false, description = "annealed-mean temperature; 0 = the model's default")
    private double temperature;

    @Parameter(label = "device", required = false, choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Parameter(label = "batch", required = false, min = "1", description = "frames per inference call")
    private int batch = 4;

    @Parameter(label = "overwrite", required = false)
    private boolean overwrite;

    @Parameter(label = "convert", required = false, description = "colorize the luminance of colour frames")
    private boolean convert;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Parameter
    private LogService log;

    @Parameter
    private StatusService status;

    @Override
    public void run() {
        try {
            ColorizeSettings settings = new ColorizeSettings(model, temperature, DeviceChoice.parse(device), batch);
            ColorizeVideoJob.Request request = new ColorizeVideoJob.Request(null, input == null ? null : input.toPath(),
                    output == null ? null : output.toPath(), settings, overwrite, convert);
            ColorizeVideoJob.Result result = ColorizeVideoJob.run(request, ModelLocator.standard(),
                    (done, total, message) -> status.showStatus(done, total, message), () -> Thread.currentThread().isInterrupted());
            summary = result.summary().frames() + " frames colorized with " + result.summary().model() + " on "
                    + result.summary().device() + " (T=" + result.summary().temperature() + ") into " + result.output();
            log.info(summary);
        } catch (ColorizeException e) {
            throw new CommandFailure(e);
        }
    }

    /** Carries the user-facing message out of the module runner. */
    public static final class CommandFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandFailure(ColorizeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
