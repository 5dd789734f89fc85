package org.colorizevideo.plugin;

import ij.ImagePlus;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
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
    static FrameSink sink(Path output, boolean overwrite, int quality, LuminanceSource source, ImagePlus image, Path inputPath)
            throws ColorizeException {
        if (source instanceof VideoFileSource video) {
            return new VideoFileSink(output, overwrite, inputPath, source.width(), source.height(),
                    VideoTiming.of(video.info()), video.info(), quality);
        }
        double fps = image != null && image.getCalibration().fps > 0 ? image.getCalibration().fps : 25.0;
        return new VideoFileSink(output, overwrite, inputPath, source.width(), source.height(),
                VideoTiming.constant(source.size(), fps), null, quality);
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
