package org.colorizevideo.plugin;

import ij.ImagePlus;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizationEngine;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.colorize.ColourFrames;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.KeepColourSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.dvp.DeepVideoPrior;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.shots.Shots;
import org.colorizevideo.dvp.RefiningSink;
import org.colorizevideo.io.AtomicFiles;
import org.colorizevideo.io.AtomicOutput;
import org.colorizevideo.io.FolderSink;
import org.colorizevideo.io.InputOpener;
import org.colorizevideo.io.StackSink;
import org.colorizevideo.video.VideoFileSink;
import org.colorizevideo.video.VideoFileSource;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * The one place where the parameters of Colorize Video (shared by the IJ1 plugin, the SciJava command
 * and the headless launcher) become an engine run: opens the input, chooses the sink, runs, and
 * returns the result. No dialogs here.
 */
public final class ColorizeVideoJob {

    /**
     * @param image the image to colorize (GUI/macro "current image"), or null to open {@code input}
     * @param input file or folder to open when image is null
     * @param output folder for the result, a video file (.mp4, .mov, .mkv), or null to return it as an
     *               image (GUI only)
     * @param quality x264's constant rate factor for a video file output
     */
    public record Request(ImagePlus image, Path input, Path output, ColorizeSettings settings, boolean overwrite,
            boolean convert, DvpSettings dvp, int quality, Segmenting segmenting, boolean keepColour) {

        /** Colour frames are not kept. */
        public Request(ImagePlus image, Path input, Path output, ColorizeSettings settings, boolean overwrite,
                boolean convert, DvpSettings dvp, int quality, Segmenting segmenting) {
            this(image, input, output, settings, overwrite, convert, dvp, quality, segmenting, false);
        }

        /** Default cuts and chunks for the refinement. */
        public Request(ImagePlus image, Path input, Path output, ColorizeSettings settings, boolean overwrite,
                boolean convert, DvpSettings dvp, int quality) {
            this(image, input, output, settings, overwrite, convert, dvp, quality, Segmenting.defaults());
        }

        public Request(ImagePlus image, Path input, Path output, ColorizeSettings settings, boolean overwrite,
                boolean convert, DvpSettings dvp) {
            this(image, input, output, settings, overwrite, convert, dvp, VideoFileSink.DEFAULT_QUALITY);
        }

        /** A request without temporal refinement. */
        public Request(ImagePlus image, Path input, Path output, ColorizeSettings settings, boolean overwrite,
                boolean convert) {
            this(image, input, output, settings, overwrite, convert, null);
        }
    }

    /**
     * The run's summary, the refinement's summary (null without dvp) and, when no output folder was
     * given, the colorized image.
     */
    public record Result(ColorizationEngine.Summary summary, DeepVideoPrior.Summary refinement, ImagePlus image,
            Path output, Path shotTable, java.util.List<org.colorizevideo.shots.ShotTable.Row> shots) {

        public Result(ColorizationEngine.Summary summary, DeepVideoPrior.Summary refinement, ImagePlus image, Path output) {
            this(summary, refinement, image, output, null, null);
        }
    }

    /** What process() did. */
    private record Processed(ColorizationEngine.Summary summary, DeepVideoPrior.Summary refinement, Shots shots) {
    }

    private ColorizeVideoJob() {
    }

    public static Result run(Request r, ModelLocator locator, ProgressListener progress, Cancellation cancel)
            throws ColorizeException {
        InputOpener.Input in = InputOpener.resolve(r.image(), r.input(), r.convert() || r.keepColour(),
                "No input: give input=<file or folder>, or run on an open image.");
        try {
            return run(r, in, locator, progress, cancel);
        } finally {
            VideoOutputs.closeQuietly(in.source());
        }
    }

    private static Result run(Request r, InputOpener.Input in, ModelLocator locator, ProgressListener progress,
            Cancellation cancel) throws ColorizeException {
        LuminanceSource source = in.source();
        boolean tiff = in.tiff();
        String baseName = in.baseName();
        ImagePlus image = in.image();
        Path inputPath = in.path();
        ColorizationEngine engine = new ColorizationEngine(r.settings(), locator, progress, cancel);
        engine.check(source);
        Segmenting segmenting = r.segmenting().validated();
        Stages stages = new Stages(engine, r.dvp() == null ? null : new DeepVideoPrior(r.dvp(), segmenting, progress, cancel),
                segmenting, r.keepColour(), progress, cancel);
        if (r.output() == null && image.getStack().isVirtual()) {
            return virtualResult(r, source, baseName, image, stages);
        }
        if (r.output() == null) {
            if (r.image() == null) {
                throw new ColorizeException("No output folder: give output=<folder> to save the result.");
            }
            StackSink sink = new StackSink(source, baseName + "-colorized", image.getCalibration());
            Processed p = stages.process(source, sink);
            ImagePlus result = sink.result();
            if (image.getNSlices() * image.getNFrames() == result.getStackSize()) {
                result.setDimensions(1, image.getNSlices(), image.getNFrames());
            }
            return new Result(p.summary(), p.refinement(), result, null, null, shotRows(p, source, image));
        }
        VideoFileSink.refuseUnwritableVideo(r.output());
        if (VideoFileSink.isVideoOutput(r.output())) {
            FrameSink sink = VideoOutputs.sink(r.output(), r.overwrite(), r.quality(), source, image, inputPath, progress);
            Processed p = stages.process(source, sink);
            Path file = r.output().toAbsolutePath().normalize();
            writeDetections(p.summary(), file.resolveSibling(file.getFileName() + ".detections.csv"));
            return new Result(p.summary(), p.refinement(), null, file, shotTable(p, source, image, file),
                    shotRows(p, source, image));
        }
        AtomicOutput out = new AtomicOutput(r.output(), r.overwrite(), inputPath);
        FrameSink sink = new FolderSink(out, source, tiff ? baseName : null, image == null ? null : image.getCalibration());
        Processed p = stages.process(source, sink);
        writeDetections(p.summary(), out.target().resolve("detections.csv"));
        return new Result(p.summary(), p.refinement(), null, out.target(), shotTable(p, source, image, out.target()),
                shotRows(p, source, image));
    }


    /** Runs that used scene cuts (refinement, keyframes): the shots, next to the output. */
    private static Path shotTable(Processed p, LuminanceSource source, ImagePlus image, Path output) throws ColorizeException {
        return p.shots() == null ? null : VideoOutputs.writeShots(p.shots(), source, image, output);
    }

    private static java.util.List<org.colorizevideo.shots.ShotTable.Row> shotRows(Processed p, LuminanceSource source,
            ImagePlus image) {
        return p.shots() == null ? null : VideoOutputs.shotRows(p.shots(), source, image);
    }

    /** Instance-aware runs: the boxes of every frame as a table (detections.csv next to the frames). */
    static void writeDetections(ColorizationEngine.Summary summary, Path csv) throws ColorizeException {
        if (summary.detections() == null) {
            return;
        }
        try {
            AtomicFiles.replace(csv, summary.detections()::writeCsv);
        } catch (java.io.IOException e) {
            throw new ColorizeException("The frames were written but the detection table " + csv
                    + " could not be: " + e.getMessage(), e);
        }
    }

    /**
     * Colorization, optionally followed by Deep Video Prior refinement: the colorized frames then go
     * to the refiner, which refines them shot by shot and chunk by chunk as they arrive, and the refined
     * frames go to the sink. The scene cuts are found first (one pass over the input) when refinement
     * or keyframes use them. On error or cancel the sink is aborted.
     */
    private record Stages(ColorizationEngine engine, DeepVideoPrior refiner, Segmenting segmenting, boolean keepColour,
            ProgressListener progress, Cancellation cancel) {

        Processed process(LuminanceSource source, FrameSink sink) throws ColorizeException {
            boolean done = false;
            // refinement and keep_colour read the input behind the engine: their own decoder for a video file
            LuminanceSource behind = (refiner != null || keepColour) && source instanceof VideoFileSource video
                    ? video.reopen() : source;
            try {
                Shots shots = refiner == null && !engine.usesShots() ? null
                        : segmenting.detector().detect(source, progress, cancel);
                engine.withShots(shots);
                FrameSink out = keepColour ? new KeepColourSink(sink, colourFrames(behind), progress) : sink;
                if (refiner == null) {
                    ColorizationEngine.Summary summary = engine.process(source, out);
                    done = true;
                    return new Processed(summary, null, shots);
                }
                RefiningSink refining = refiner.collector(behind, shots, out);
                ColorizationEngine.Summary summary = engine.process(source, refining);
                DeepVideoPrior.Summary refinement = refining.summary();
                done = true;
                return new Processed(summary, refinement, shots);
            } finally {
                if (!done) {
                    sink.abort();
                }
                if (behind != source) {
                    VideoOutputs.closeQuietly(behind);
                }
            }
        }

        private static ColourFrames colourFrames(LuminanceSource source) throws ColorizeException {
            if (source instanceof ColourFrames c) {
                return c;
            }
            throw new ColorizeException("keep_colour needs the input's own colour frames, which this input does not give; "
                    + "open it as a video file, a folder of frames or an image stack.");
        }
    }

    /**
     * A virtual input shown without an output folder: the frames go to a temporary folder and come
     * back as a virtual stack, so a long film never has to fit in memory.
     */
    private static Result virtualResult(Request r, LuminanceSource source, String baseName, ImagePlus image,
            Stages stages) throws ColorizeException {
        Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("colorize-video-").resolve(baseName + "-colorized");
        } catch (java.io.IOException e) {
            throw new ColorizeException("No temporary folder for the colorized frames: " + e.getMessage(), e);
        }
        AtomicOutput out = new AtomicOutput(dir, false, null);
        Processed p = stages.process(source, new FolderSink(out, source, null, null));
        ImagePlus result = ij.plugin.FolderOpener.open(out.target().toString(), "virtual");
        result.setTitle(baseName + "-colorized");
        result.setCalibration(image.getCalibration().copy());
        if (image.getNSlices() * image.getNFrames() == result.getStackSize()) {
            result.setDimensions(1, image.getNSlices(), image.getNFrames());
        }
        return new Result(p.summary(), p.refinement(), result, null);
    }

}
