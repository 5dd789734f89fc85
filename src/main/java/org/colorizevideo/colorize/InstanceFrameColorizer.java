package org.colorizevideo.colorize;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Resampler;
import org.colorizevideo.colorize.StageTimes.Stage;
import org.colorizevideo.instance.BoxTracker;
import org.colorizevideo.instance.Detection;
import org.colorizevideo.instance.DetectionTable;
import org.colorizevideo.instance.InstanceBox;
import org.colorizevideo.instance.InstanceColorizationModel;

/**
 * The per-frame pipeline of instance-aware colorization: boxes for the frame (detector + score filter,
 * or any other {@link BoxSource}) -> optional association across frames ({@link BoxTracker}) ->
 * InstColorization (full-image network alone when no box is left) -> ab 256x256 resized to the frame
 * -> recombined with the full-resolution L* like every other model. Frames must come in order when a
 * tracker is used. The boxes each frame was colorized with are added to a {@link DetectionTable}.
 */
public final class InstanceFrameColorizer implements FrameColorizer.OneAtATime {

    /** Where a frame's boxes come from: the detector in the plugin, simulated boxes in experiments. */
    @FunctionalInterface
    public interface BoxSource {
        /** The boxes for frame {@code frame} (0-based), already filtered by score and count. */
        List<Detection> boxes(int frame, float[] lStar, int width, int height) throws ColorizeException;
    }

    private final BoxSource source;
    private final InstanceColorizationModel model;
    private final BoxTracker tracker;
    private final DetectionTable table;
    private final StageTimes times;
    private Resampler up;

    /** @param tracker null: every frame uses its own boxes alone, as the paper does */
    public InstanceFrameColorizer(BoxSource source, InstanceColorizationModel model, BoxTracker tracker,
            DetectionTable table, StageTimes times) {
        this.source = source;
        this.model = model;
        this.tracker = tracker;
        this.table = table;
        this.times = times;
    }

    /** Colorizes frame {@code frame} (0-based), given as an L* plane; returns packed RGB. One frame at a time. */
    @Override
    public int[] colorize(int frame, float[] lStar, int width, int height) throws ColorizeException {
        long t0 = System.nanoTime();
        List<Detection> found = source.boxes(frame, lStar, width, height);
        List<Detection> used;
        if (tracker == null) {
            used = found;
            table.add(frame + 1, used);
        } else {
            List<BoxTracker.TrackedBox> tracked = tracker.update(found);
            used = tracked.stream().map(BoxTracker.TrackedBox::box).toList();
            table.addTracked(frame + 1, tracked);
        }
        List<InstanceBox> boxes = new ArrayList<>(used.size());
        for (Detection d : used) {
            InstanceBox b = InstanceBox.fromDetection(clamp(d.x0(), width), clamp(d.y0(), height), clamp(d.x1(), width),
                    clamp(d.y1(), height), d.score());
            if (b.width() > 0 && b.height() > 0) {
                boxes.add(b);
            }
        }
        long t1 = System.nanoTime();
        times.add(Stage.DETECT, t1 - t0);

        float[] ab = model.colorize(lStar, width, height, boxes);
        long t2 = System.nanoTime();
        times.add(Stage.INFERENCE, t2 - t1);

        int size = model.manifest().size;
        if (up == null || up.dstWidth() != width || up.dstHeight() != height) {
            up = new Resampler(size, size, width, height);
        }
        float[] fullA = new float[width * height], fullB = new float[width * height];
        IntStream.range(0, 2).parallel().forEach(k -> up.resample(ab, k * size * size, k == 0 ? fullA : fullB, 0));
        int[] rgb = FastLab.labToRgb(lStar, fullA, fullB, width, height);
        times.add(Stage.POSTPROCESS, System.nanoTime() - t2);
        return rgb;
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
