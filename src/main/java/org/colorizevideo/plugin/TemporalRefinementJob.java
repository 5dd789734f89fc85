package org.colorizevideo.plugin;

import ij.ImagePlus;
import ij.io.FileInfo;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.dvp.DeepVideoPrior;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.io.AtomicOutput;
import org.colorizevideo.io.FolderSink;
import org.colorizevideo.io.InputOpener;
import org.colorizevideo.io.RgbFrames;
import org.colorizevideo.video.VideoFileSink;
import org.colorizevideo.io.StackSink;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * Where the parameters of Colorize Temporal Refinement (shared by the IJ1 plugin and the SciJava
 * command) become a {@link DeepVideoPrior} run: opens the gray input and the processed clip, chooses
 * the sink, runs. No dialogs here. The inputs are only read; the output appears only when complete.
 */
public final class TemporalRefinementJob {

    /**
     * @param inputImage the gray clip as an open image, or null to open {@code input}
     * @param processedImage the per-frame processed clip as an open image, or null to open {@code processed}
     * @param output folder for the result, or null to return it as an image (GUI only)
     */
    public record Request(ImagePlus inputImage, Path input, ImagePlus processedImage, Path processed, Path output,
            DvpSettings settings, boolean overwrite, boolean convert, Segmenting segmenting, int quality) {

        /** Default cuts and chunks, default video quality. */
        public Request(ImagePlus inputImage, Path input, ImagePlus processedImage, Path processed, Path output,
                DvpSettings settings, boolean overwrite, boolean convert) {
            this(inputImage, input, processedImage, processed, output, settings, overwrite, convert, Segmenting.defaults(),
                    VideoFileSink.DEFAULT_QUALITY);
        }
    }

    /**
     * The run's summary and, when no output folder was given, the refined image; shotTable: the shots
     * written next to the output (null without an output).
     */
    public record Result(DeepVideoPrior.Summary summary, ImagePlus image, Path output, Path shotTable,
            java.util.List<org.colorizevideo.shots.ShotTable.Row> shots) {
    }

    private TemporalRefinementJob() {
    }

    public static Result run(Request r, ProgressListener progress, Cancellation cancel) throws ColorizeException {
        DvpSettings settings = r.settings().validated();
        InputOpener.Input in = InputOpener.resolve(r.inputImage(), r.input(), r.convert(),
                "No input: give input=<gray clip: file or folder>, or run on an open image.");
        RgbFrames[] processed = new RgbFrames[1];
        try {
            return run(r, settings, in, processed, progress, cancel);
        } finally {
            VideoOutputs.closeQuietly(in.source());
            VideoOutputs.closeQuietly(processed[0]);
        }
    }

    private static Result run(Request r, DvpSettings settings, InputOpener.Input in, RgbFrames[] opened,
            ProgressListener progress, Cancellation cancel) throws ColorizeException {
        LuminanceSource gray = in.source();
        boolean tiff = in.tiff();
        String baseName = in.baseName();
        ImagePlus image = in.image();
        Path inputPath = in.path();
        RgbFrames processed;
        Path processedPath = r.processed();
        if (r.processedImage() != null) {
            processed = RgbFrames.of(r.processedImage());
            FileInfo fi = r.processedImage().getOriginalFileInfo();
            processedPath = fi != null && fi.directory != null && fi.fileName != null ? Path.of(fi.directory, fi.fileName) : null;
        } else if (processedPath != null) {
            processed = RgbFrames.open(processedPath);
            opened[0] = processed;
        } else {
            throw new ColorizeException("No processed clip: give processed=<the per-frame result: file or folder>.");
        }
        DeepVideoPrior.checkInputs(gray, processed);
        DeepVideoPrior dvp = new DeepVideoPrior(settings, r.segmenting().validated(), progress, cancel);
        if (r.output() == null) {
            if (r.inputImage() == null) {
                throw new ColorizeException("No output folder: give output=<folder> to save the result.");
            }
            StackSink sink = new StackSink(gray, baseName + "-refined", image.getCalibration());
            DeepVideoPrior.Summary summary = dvp.refine(gray, processed, sink);
            ImagePlus result = sink.result();
            if (image.getNSlices() * image.getNFrames() == result.getStackSize()) {
                result.setDimensions(1, image.getNSlices(), image.getNFrames());
            }
            return new Result(summary, result, null, null, VideoOutputs.shotRows(summary.shots(), gray, image));
        }
        AtomicOutput.checkOverlap(r.output(), processedPath);
        VideoFileSink.refuseUnwritableVideo(r.output());
        if (VideoFileSink.isVideoOutput(r.output())) {
            FrameSink sink = VideoOutputs.sink(r.output(), r.overwrite(), r.quality(), gray, image, inputPath, progress);
            DeepVideoPrior.Summary summary = dvp.refine(gray, processed, sink);
            Path file = r.output().toAbsolutePath().normalize();
            return new Result(summary, null, file, VideoOutputs.writeShots(summary.shots(), gray, image, file),
                    VideoOutputs.shotRows(summary.shots(), gray, image));
        }
        AtomicOutput out = new AtomicOutput(r.output(), r.overwrite(), inputPath);
        FrameSink sink = new FolderSink(out, gray, tiff ? baseName : null, image == null ? null : image.getCalibration());
        DeepVideoPrior.Summary summary = dvp.refine(gray, processed, sink);
        return new Result(summary, null, out.target(), VideoOutputs.writeShots(summary.shots(), gray, image, out.target()),
                VideoOutputs.shotRows(summary.shots(), gray, image));
    }
}
