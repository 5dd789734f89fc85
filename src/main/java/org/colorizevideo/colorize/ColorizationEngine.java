package org.colorizevideo.colorize;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
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

/**
 * The UI-free core of Colorize > Video: checks the input, loads the model, streams frames through
 * {@link FrameColorizer} in batches and hands them to a {@link FrameSink}. Holds at most one batch of
 * frames in memory. Knows nothing of dialogs; the plugin, the SciJava command and the headless
 * launcher are adapters over it.
 */
public final class ColorizationEngine {

    private final ColorizeSettings settings;
    private final ModelLocator locator;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final StageTimes times = new StageTimes();

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

    /** Colorizes every frame of source into sink; on error or cancel the sink is aborted. */
    public Summary process(LuminanceSource source, FrameSink sink) throws ColorizeException {
        boolean committed = false;
        FrameSink target = sink;
        try {
            checkInput(source);
            target = new BackgroundSink(sink, 2 * settings.batch());
            Summary summary = settings.instances() != null ? runInstances(settings.instances(), source, target)
                    : run(locator.locate(settings.model()), source, target);
            committed = true;
            return summary;
        } finally {
            if (!committed) {
                target.abort();
            }
        }
    }

    private Summary run(ModelFiles files, LuminanceSource source, FrameSink sink) throws ColorizeException {
        try (ColorizationModel model = ColorizationModel.open(files, settings.device())) {
            double t = settings.usesModelTemperature() ? model.manifest().output.temperature : settings.temperature();
            FrameColorizer colorizer = new FrameColorizer(model, t, times);
            progress.progress(0, source.size(), "Colorizing with " + model.name() + " on " + model.device());
            stream(source, sink, settings.batch(), (first, planes, w, h) -> colorizer.colorize(planes, w, h));
            return new Summary(source.size(), model.name(), model.device().toString(), t, times, null);
        }
    }

    /**
     * Instance-aware colorization, one frame at a time (the detector and the fusion graph take one frame):
     * detector -> score filter -> tracker -> InstColorization.
     */
    private Summary runInstances(InstanceSettings is, LuminanceSource source, FrameSink sink) throws ColorizeException {
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
            stream(source, sink, 1, (first, planes, w, h) -> List.of(colorizer.colorize(first, planes.get(0), w, h)));
            return new Summary(source.size(), name, model.device().toString(), Double.NaN, times, table);
        }
    }

    /** Colorizes consecutive frames, {@code first} being the index of planes.get(0). */
    @FunctionalInterface
    private interface BatchColorizer {
        List<int[]> colorize(int first, List<float[]> planes, int width, int height) throws ColorizeException;
    }

    /**
     * The frame loop shared by both kinds of model: reads {@code batch} frames (cancel checked before
     * each), colorizes them, hands them to the sink, reports progress; commits the sink at the end.
     */
    private void stream(LuminanceSource source, FrameSink sink, int batch, BatchColorizer colorizer) throws ColorizeException {
        int total = source.size();
        for (int start = 0; start < total; start += batch) {
            int end = Math.min(total, start + batch);
            List<float[]> planes = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                if (cancellation.isCancelled()) {
                    throw new CancelledException(start, total);
                }
                long t0 = System.nanoTime();
                planes.add(source.luminance(i));
                times.add(Stage.READ, System.nanoTime() - t0);
            }
            List<int[]> rgb = colorizer.colorize(start, planes, source.width(), source.height());
            long t0 = System.nanoTime();
            for (int i = start; i < end; i++) {
                sink.put(i, rgb.get(i - start), source.width(), source.height());
            }
            times.add(Stage.WRITE, System.nanoTime() - t0);
            progress.progress(end, total, "Colorized frame " + end + "/" + total);
        }
        if (cancellation.isCancelled()) {
            throw new CancelledException(total, total);
        }
        long t0 = System.nanoTime();
        sink.commit();
        times.add(Stage.WRITE, System.nanoTime() - t0);
    }
}
