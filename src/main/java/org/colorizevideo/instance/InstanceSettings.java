package org.colorizevideo.instance;

import org.colorizevideo.ColorizeException;

/**
 * The instance-aware options of Colorize Video (InstColorization, Su et al. 2020).
 *
 * @param detector the Mask R-CNN detector: a name in the models folders or a path to its .onnx
 *     (manifest format {@value DetectorManifest#FORMAT})
 * @param model the instance-aware colorizer: a name or a path to its manifest .json (format
 *     {@value InstanceManifest#FORMAT}); it brings its own full-image network
 * @param score detections below this score are ignored (the paper: 0.7)
 * @param maxInstances at most this many boxes per frame, best scores first (the paper: 8)
 * @param track associate boxes across frames ({@link BoxTracker}) instead of using each frame's
 *     detections alone as the paper does
 */
public record InstanceSettings(String detector, String model, double score, int maxInstances, boolean track) {

    public static InstanceSettings of(String detector, String model) {
        return new InstanceSettings(detector, model, DetectionFilter.DEFAULT_THRESHOLD, DetectionFilter.DEFAULT_MAX_INSTANCES, true);
    }

    /** Null when neither option is set; an error when only one is. */
    public static InstanceSettings parse(String detector, String model, double score, int maxInstances, boolean track)
            throws ColorizeException {
        boolean d = detector != null && !detector.isBlank(), m = model != null && !model.isBlank();
        if (!d && !m) {
            return null;
        }
        if (!m) {
            throw new ColorizeException("detector=" + detector.trim() + " needs an instance-aware model: give instances=<name or "
                    + "path of an InstColorization export (" + InstanceManifest.FORMAT + ")>, or leave detector empty.");
        }
        if (!d) {
            throw new ColorizeException("instances=" + model.trim() + " needs a detector for its boxes: give detector=<name or path "
                    + "of a Mask R-CNN export (" + DetectorManifest.FORMAT + ")>, or leave instances empty.");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new ColorizeException("score=" + score + " is not a detector score: give a value from 0 to 1 (the paper uses 0.7).");
        }
        if (maxInstances < 1 || maxInstances > DetectionFilter.DEFAULT_MAX_INSTANCES) {
            throw new ColorizeException("max_instances=" + maxInstances + " is outside 1.." + DetectionFilter.DEFAULT_MAX_INSTANCES
                    + " (the fusion network was trained with at most 8 instances).");
        }
        return new InstanceSettings(detector.trim(), model.trim(), score, maxInstances, track);
    }
}
