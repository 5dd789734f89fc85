package org.colorizevideo.metrics;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.List;

/** Thin adapter from ImageJ processors and stacks to {@link RgbFrame}s. */
public final class ImageJFrames {

    private ImageJFrames() {
    }

    /**
     * Wraps a {@link ColorProcessor}'s pixel array (no copy). Other processor types are converted
     * with {@link ImageProcessor#convertToColorProcessor()}, which applies their display range.
     */
    public static RgbFrame of(ImageProcessor ip) {
        ColorProcessor cp = ip instanceof ColorProcessor c ? c : ip.convertToColorProcessor();
        return new RgbFrame(cp.getWidth(), cp.getHeight(), (int[]) cp.getPixels());
    }

    /** Every slice of a stack, in order (1-based slices 1..n), as frames. */
    public static List<RgbFrame> of(ImageStack stack) {
        List<RgbFrame> frames = new ArrayList<>(stack.getSize());
        for (int s = 1; s <= stack.getSize(); s++) {
            frames.add(of(stack.getProcessor(s)));
        }
        return frames;
    }

    /** Every slice of an image's stack, as frames. */
    public static List<RgbFrame> of(ImagePlus imp) {
        return of(imp.getStack());
    }
}
