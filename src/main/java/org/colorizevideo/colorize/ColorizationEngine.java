package org.colorizevideo.colorize;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.exemplar.DevcLoop;
import org.colorizevideo.exemplar.ExemplarModel;
import org.colorizevideo.exemplar.ExemplarSettings;
import org.colorizevideo.exemplar.Keyframes;
import org.colorizevideo.instance.BoxTracker;
import org.colorizevideo.instance.DetectionFilter;
import org.colorizevideo.instance.DetectionTable;
import org.colorizevideo.instance.Detector;
import org.colorizevideo.instance.InstanceColorizationModel;
import org.colorizevideo.instance.InstanceSettings;
import org.colorizevideo.colorize.StageTimes.Stage;
import org.colorizevideo.model.ColorizationModel;
import org.colorizevideo.model.ModelFiles;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.CancelledException;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.colorizevideo.progress.Throughput;
import org.colorizevideo.shots.Shots;

/**
 * The UI-free core of Colorize > Video: checks the input, loads the model, builds the
 * {@link FrameColorizer} strategy the settings ask for (automatic, instance-aware or exemplar-based),
 * streams frames through it in its batches and hands them to a {@link FrameSink}: one frame loop for
 * every strategy. Holds at most one batch of frames in memory. Knows nothing of dialogs; the plugin, the SciJava command and the headless
 * launcher are adapters over it.
 */
public final class ColorizationEngine {

    private final ColorizeSettings settings;
    private final ModelLocator locator;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final StageTimes times = new StageTimes();
    /** The exemplar run's keyframes, resolved (and every one read once) by {@link #check}. */
    private Keyframes keyframes;
    /** Scene cuts, when the caller found them (exemplar keyframes then apply per shot). */
    private Shots shots;
    /** The frames one call of {@link #process(LuminanceSource, FrameSink, int, int)} colorizes: from, to (exclusive). */
    private record FrameRange(int from, int to) {
        int count() {
            return to - from;
        }
    }
    /** Where the automatic model comes from: by default opened for the run and closed after it. */
    private Models models = Models.PER_RUN;

    /**
     * Where a run gets its automatic model. By default each run opens it and closes it afterwards; a
     * caller that colorizes many pieces of many clips (the Spark job, one task per shot) keeps models
     * open between runs and lends them out instead.
     */
    public interface Models {

        Models PER_RUN = new Models() {
            @Override
            public ColorizationModel open(ModelFiles files, org.colorizevideo.model.DeviceChoice device) throws ColorizeException {
                return ColorizationModel.open(files, device);
            }

            @Override
            public void release(ColorizationModel model) {
                model.close();
            }
        };

        /** A model for one run, used by one thread until {@link #release}. */
        ColorizationModel open(ModelFiles files, org.colorizevideo.model.DeviceChoice device) throws ColorizeException;

        /** The run is over (finished or failed). */
        void release(ColorizationModel model);
    }

    public ColorizationEngine(ColorizeSettings settings, ModelLocator locator, ProgressListener progress,
            Cancellation cancellation) {
        this.settings = settings;
        this.locator = locator;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /**
     * What a finished run did. {@code detections}: the boxes each frame was colorized with (instance-aware
     * runs only, else null).
     */
    public record Summary(int frames, String model, String device, double temperature, StageTimes times,
            DetectionTable detections) {
    }

    /** Refuses input that cannot be colorized, before anything is loaded or written. */
    public static void checkInput(LuminanceSource source) throws ColorizeException {
        if (source.size() < 1) {
            throw new ColorizeException("The input has no frames; nothing to colorize.");
        }
        if (source.width() < 2 || source.height() < 2) {
            throw new ColorizeException("The frames are " + source.width() + "x" + source.height()
                    + " pixels; at least 2x2 is needed.");
        }
    }

    /**
     * Everything that can be refused before a model is loaded or anything written: the input
     * ({@link #checkInput}) and, for an exemplar run, the combination of options and every keyframe.
     */
    public void check(LuminanceSource source) throws ColorizeException {
        checkInput(source);
        settings.checkSaturation();
        ExemplarSettings ex = settings.exemplar();
        if (ex == null) {
            return;
        }
        if (settings.instances() != null) {
            throw new ColorizeException("A reference and instances cannot be combined: exemplar colorization takes every colour "
                    + "from the reference; leave either reference or detector/instances empty.");
        }
        if (keyframes == null) {
            keyframes = ex.keyframes(source.size());
        }
    }

    /** Whether this run would use the clip's scene cuts: an exemplar run with more than one keyframe. */
    public boolean usesShots() {
        return keyframes != null && keyframes.size() > 1;
    }

    /** The clip's scene cuts: each shot takes its own keyframe (see {@link Keyframes#perShot}). */
    public ColorizationEngine withShots(Shots shots) {
        this.shots = shots;
        return this;
    }

    /** Where the automatic model comes from (default: opened for each run, closed after it). */
    public ColorizationEngine withModels(Models models) {
        this.models = models;
        return this;
    }

    /** Colorizes every frame of source into sink; on error or cancel the sink is aborted. */
    public Summary process(LuminanceSource source, FrameSink sink) throws ColorizeException {
        return process(source, sink, 0, source.size());
    }

    /**
     * Colorizes frames {@code from} (inclusive) to {@code to} (exclusive) of source into sink, under their
     * own frame numbers, so that a clip cut into pieces gives the frames of one whole run: the batches are
     * those of a whole run (a batch that starts before {@code from} is colorized whole and its frames before
     * {@code from} are dropped), and a recurrent strategy (exemplar) must be started where a whole run
     * restarts it (a keyframe or a cut). On error or cancel the sink is aborted.
     */
    public Summary process(LuminanceSource source, FrameSink sink, int from, int to) throws ColorizeException {
        if (from < 0 || to > source.size() || from >= to) {
            throw new IllegalArgumentException("frames " + from + ".." + to + " of " + source.size());
        }
        FrameRange range = new FrameRange(from, to);
        boolean committed = false;
        FrameSink target = sink;
        try {
            check(source);
            target = new BackgroundSink(sink, 2 * settings.batch());
            Summary summary = settings.exemplar() != null ? runExemplar(settings.exemplar(), source, target, range)
                    : settings.instances() != null ? runInstances(settings.instances(), source, target, range)
                    : run(locator.locate(settings.model()), source, target, range);
            committed = true;
            return summary;
        } finally {
            if (!committed) {
                target.abort();
            }
        }
    }

    private Summary run(ModelFiles files, LuminanceSource source, FrameSink sink, FrameRange range) throws ColorizeException {
        ColorizationModel model = models.open(files, settings.device());
        try {
            double t = settings.usesModelTemperature() ? model.manifest().output.temperature : settings.temperature();
            progress.progress(0, source.size(), "Colorizing with " + model.name() + " on " + model.device());
            stream(source, sink, new AutomaticFrameColorizer(model, t, settings.saturation(), settings.batch(), times, null,
                    null), range);
            return new Summary(range.count(), model.name(), model.device().toString(), t, times, null);
        } finally {
            models.release(model);
        }
    }

    /**
     * Instance-aware colorization, one frame at a time (the detector and the fusion graph take one frame):
     * detector -> score filter -> tracker -> InstColorization.
     */
    private Summary runInstances(InstanceSettings is, LuminanceSource source, FrameSink sink, FrameRange range)
            throws ColorizeException {
        Path detectorFile = locator.locateFile(is.detector(), ".onnx", "detector");
        Path modelFile = locator.locateFile(is.model(), ".json", "instance-aware model");
        try (Detector detector = Detector.open(detectorFile, settings.device());
             InstanceColorizationModel model = InstanceColorizationModel.open(modelFile, settings.device())) {
            DetectionFilter filter = new DetectionFilter(is.score(), is.maxInstances());
            DetectionTable table = new DetectionTable();
            InstanceFrameColorizer colorizer = new InstanceFrameColorizer(
                    (frame, l, w, h) -> filter.select(detector.detect(l, w, h)), model,
                    is.track() ? BoxTracker.withDefaults(is.maxInstances()) : null, table, times);
            String name = model.name() + " + " + detector.name();
            progress.progress(0, source.size(), "Colorizing with " + name + " on " + model.device());
            stream(source, sink, colorizer, range);
            return new Summary(range.count(), name, model.device().toString(), Double.NaN, times, table);
        }
    }

    /**
     * Exemplar-based colorization, one frame at a time in order (the model sees its previous output):
     * each frame from its keyframe, the recurrence restarting at every keyframe.
     */
    private Summary runExemplar(ExemplarSettings ex, LuminanceSource source, FrameSink sink, FrameRange range)
            throws ColorizeException {
        Path manifest = locator.locateBundle(ex.modelOrDefault(), "exemplar model", "_reference.onnx", "_frame.onnx");
        try (ExemplarModel model = ExemplarModel.open(manifest, settings.device());
             DevcLoop loop = new DevcLoop(model, model.temperature(), 1f)) {
            ExemplarFrameColorizer colorizer = new ExemplarFrameColorizer(shots == null ? keyframes
                    : keyframes.perShot(shots), loop, times);
            String name = model.name() + " from " + (keyframes.size() == 1 ? keyframes.get(0).name()
                    : keyframes.size() + " keyframes");
            progress.progress(0, source.size(), "Colorizing with " + name + " on " + model.device());
            stream(source, sink, colorizer, range);
            return new Summary(range.count(), name, model.device().toString(), model.manifest().temperature, times, null);
        }
    }

    /**
     * The one frame loop of every strategy: reads up to {@code colorizer.batch()} frames (cancel checked
     * before each), colorizes them, hands them to the sink, reports progress; commits the sink at the end.
     */
    private void stream(LuminanceSource source, FrameSink sink, FrameColorizer colorizer, FrameRange range)
            throws ColorizeException {
        int from = range.from(), total = range.to();
        int batch = colorizer.batch();
        Throughput throughput = new Throughput();
        for (int start = from - from % batch; start < total; start += batch) {
            int end = Math.min(source.size(), start + batch);
            List<float[]> planes = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                if (cancellation.isCancelled()) {
                    throw new CancelledException(Math.max(0, start - from), total - from);
                }
                long t0 = System.nanoTime();
                planes.add(source.luminance(i));
                times.add(Stage.READ, System.nanoTime() - t0);
            }
            List<int[]> rgb = colorizer.colorize(start, planes, source.width(), source.height());
            long t0 = System.nanoTime();
            for (int i = Math.max(start, from); i < Math.min(end, total); i++) {
                sink.put(i, rgb.get(i - start), source.width(), source.height());
            }
            times.add(Stage.WRITE, System.nanoTime() - t0);
            int done = Math.min(end, total) - from, all = total - from;
            progress.progress(done, all, "Colorized frame " + done + "/" + all + " (" + throughput.status(done, all) + ")");
        }
        if (cancellation.isCancelled()) {
            throw new CancelledException(total - from, total - from);
        }
        long t0 = System.nanoTime();
        sink.commit();
        times.add(Stage.WRITE, System.nanoTime() - t0);
    }
}
