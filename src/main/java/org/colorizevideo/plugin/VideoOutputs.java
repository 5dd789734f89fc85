package org.colorizevideo.plugin;

import ij.ImagePlus;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.progress.ProgressListener;
import org.colorizevideo.video.VideoFileSink;
import org.colorizevideo.video.VideoFileSource;
import org.colorizevideo.video.VideoTiming;

/** The video file output of Colorize Video and Colorize Temporal Refinement. */
final class VideoOutputs {

    private VideoOutputs() {
    }

    /**
     * A video file sink for output: the timing and the audio of a video input are kept; frames from a
     * folder or a stack get the stack's frame rate (Image > Properties), else 25 frames/s, and no sound.
     */
    static FrameSink sink(Path output, boolean overwrite, int quality, LuminanceSource source, ImagePlus image, Path inputPath,
            ProgressListener progress) throws ColorizeException {
        VideoFileSink sink = new VideoFileSink(output, overwrite, inputPath, source.width(), source.height(),
                timing(source, image), source instanceof VideoFileSource video ? video.info() : null, quality);
        for (String note : sink.notes()) {
            progress.notice(note); // the console and log show it; a re-encoded sound track must not go unnoticed
        }
        return sink;
    }

    /** When each frame is shown: a video's own timestamps, else the stack's frame rate (or 25 frames/s). */
    static VideoTiming timing(LuminanceSource source, ImagePlus image) {
        if (source instanceof VideoFileSource video) {
            return VideoTiming.of(video.info());
        }
        double fps = image != null && image.getCalibration().fps > 0 ? image.getCalibration().fps : 25.0;
        return VideoTiming.constant(source.size(), fps);
    }

    /** The shots as table rows with start times from the input's timing. */
    static java.util.List<org.colorizevideo.shots.ShotTable.Row> shotRows(org.colorizevideo.shots.Shots shots,
            LuminanceSource source, ImagePlus image) {
        return org.colorizevideo.shots.ShotTable.rows(shots, timing(source, image));
    }

    /**
     * The shots of a refinement as a table: {@code name.mp4.shots.csv} next to a video file, {@code shots.csv}
     * inside an output folder.
     */
    static Path writeShots(org.colorizevideo.shots.Shots shots, LuminanceSource source, ImagePlus image, Path output)
            throws ColorizeException {
        Path csv = java.nio.file.Files.isDirectory(output) ? output.resolve("shots.csv")
                : output.resolveSibling(output.getFileName() + ".shots.csv");
        try {
            org.colorizevideo.io.AtomicFiles.replace(csv, tmp -> org.colorizevideo.shots.ShotTable.writeCsv(shots,
                    timing(source, image), tmp));
        } catch (java.io.IOException e) {
            throw new ColorizeException("The frames were written but the shot table " + csv + " could not be: "
                    + e.getMessage(), e);
        }
        return csv;
    }

    /** Closes what was opened for a run (a video decoder); never throws. */
    static void closeQuietly(Object source) {
        if (source instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // releasing a decoder: nothing the user could do about it
            }
        }
    }
}
