package org.colorizevideo.instance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * InstColorization's choice of the instances to colorize: the detections scoring at least
 * {@link #threshold()} (0.7 there, the detectron2 score threshold its inference_bbox.py sets), then
 * the {@link #maxInstances()} best of those by score (its {@code box_num_upbound}, 8 at test time).
 * detectron2 keeps scores strictly above its threshold; this filter keeps a score equal to the
 * threshold too, which differs only for a score exactly at it. Scores are float32, and the threshold
 * is compared as a float32 as well (as PyTorch compares a float tensor with a Python number), so a
 * score of {@code 0.7f} passes the threshold 0.7.
 *
 * <p>The result is ordered by score, high to low. Equal scores keep the order they came in (the
 * detector's), so a tie at the K-th place is broken in favour of the earlier detection and the
 * selection is the same on every run.
 */
public record DetectionFilter(double threshold, int maxInstances) {

    public static final double DEFAULT_THRESHOLD = 0.7;
    public static final int DEFAULT_MAX_INSTANCES = 8;

    public DetectionFilter {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("The detection score threshold must lie in 0..1, not " + threshold + ".");
        }
        if (maxInstances < 0) {
            throw new IllegalArgumentException("The number of instances to keep must be 0 or more, not " + maxInstances + ".");
        }
    }

    /** Threshold 0.7, at most 8 instances. */
    public static DetectionFilter standard() {
        return new DetectionFilter(DEFAULT_THRESHOLD, DEFAULT_MAX_INSTANCES);
    }

    /** The selected detections, best first; the input list is not changed. */
    public List<Detection> select(List<Detection> detections) {
        float min = (float) threshold;
        List<Detection> kept = new ArrayList<>();
        for (Detection d : detections) {
            if (d.score() >= min) {
                kept.add(d);
            }
        }
        kept.sort(Comparator.comparingDouble(Detection::score).reversed()); // List.sort is stable
        return List.copyOf(kept.subList(0, Math.min(maxInstances, kept.size())));
    }
}
