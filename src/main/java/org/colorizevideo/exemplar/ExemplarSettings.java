package org.colorizevideo.exemplar;

import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.metrics.RgbFrame;

/**
 * The exemplar options of Colorize Video: where the colours come from and which exemplar model
 * carries them to the frames.
 *
 * @param reference a colour image file, or a folder of keyframes named by frame number; null when
 *     {@code given} is set
 * @param given keyframes already in memory (an open image in the GUI, or from an API), or null
 * @param model the exemplar model: a name in the models folders or a path to its manifest .json
 *     (format {@value ExemplarManifest#FORMAT}); blank for {@link #DEFAULT_MODEL}
 */
public record ExemplarSettings(Path reference, Keyframes given, String model) {

    /** The exemplar model used when none is named. */
    public static final String DEFAULT_MODEL = "exemplar-v11";

    /** A reference path from a dialog, macro or command line; null when it is blank (no exemplar). */
    public static ExemplarSettings parse(String reference, String model) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        return new ExemplarSettings(Path.of(reference.trim()), null, model);
    }

    /** An open image as the one reference for every frame. */
    public static ExemplarSettings ofImage(RgbFrame image, String title, String model) {
        return new ExemplarSettings(null, Keyframes.single(title, image), model);
    }

    /** Keyframes already in memory. */
    public static ExemplarSettings of(Keyframes keyframes, String model) {
        return new ExemplarSettings(null, keyframes, model);
    }

    /** The model to look up: the given one, else the default. */
    public String modelOrDefault() {
        return model == null || model.isBlank() ? DEFAULT_MODEL : model.trim();
    }

    /** The keyframes for a clip of {@code frames} frames; every bad keyframe is refused here. */
    public Keyframes keyframes(int frames) throws ColorizeException {
        return given == null ? Keyframes.open(reference, frames) : given.within(frames);
    }
}
