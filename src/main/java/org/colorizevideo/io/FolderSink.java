package org.colorizevideo.io;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;

/**
 * Writes the result into an output folder: one PNG per frame named like the input frames, or, for a
 * TIFF input, one RGB TIFF with the input's name and calibration. Everything goes to a staging folder
 * first ({@link AtomicOutput}); a failed or cancelled run leaves no output.
 */
public final class FolderSink implements FrameSink {

    private final AtomicOutput output;
    private final LuminanceSource source;
    private final String tiffName;
    private final Calibration calibration;
    private final PngWriter png = new PngWriter();

    /** tiffName null writes PNG frames; otherwise the frames are assembled into tiffName + ".tif". */
    public FolderSink(AtomicOutput output, LuminanceSource source, String tiffName, Calibration calibration) {
        this.output = output;
        this.source = source;
        this.tiffName = tiffName;
        this.calibration = calibration;
    }

    @Override
    public void put(int index, int[] rgb, int width, int height) throws ColorizeException {
        Path file = output.staging().resolve(source.frameName(index) + ".png");
        try {
            synchronized (png) {
                png.write(rgb, width, height, file);
            }
        } catch (IOException e) {
            throw new ColorizeException("Frame " + (index + 1) + " could not be written to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() throws ColorizeException {
        if (tiffName != null) {
            writeTiff();
        }
        output.commit();
    }

    private void writeTiff() throws ColorizeException {
        Path dir = output.staging();
        VirtualStack frames = new VirtualStack(source.width(), source.height(), null, dir.toString() + "/");
        for (int i = 0; i < source.size(); i++) {
            frames.addSlice(source.frameName(i) + ".png");
        }
        ImagePlus imp = new ImagePlus(tiffName, frames);
        if (calibration != null) {
            imp.setCalibration(calibration);
        }
        Path tif = dir.resolve(tiffName + ".tif");
        if (!new FileSaver(imp).saveAsTiff(tif.toString())) {
            throw new ColorizeException("The TIFF " + tif + " could not be written (disk full or not writable?).");
        }
        try {
            for (int i = 0; i < source.size(); i++) {
                Files.deleteIfExists(dir.resolve(source.frameName(i) + ".png"));
            }
        } catch (IOException e) {
            throw new ColorizeException("Temporary frames in " + dir + " could not be removed: " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        output.abort();
    }

    /** Opens a frame of the staging folder (used by tests and the GUI preview). */
    static ColorProcessor read(Path png) throws IOException {
        return new ColorProcessor(ImageIO.read(png.toFile()));
    }
}
