package org.colorizevideo.instance;

/**
 * One object found by a {@link Detector} in one frame: its COCO category (id as the detector's
 * graph returns it, name from the manifest's category list), its score in [0, 1] and its box in frame
 * pixels, {@code (x0, y0)} the top-left and {@code (x1, y1)} the bottom-right corner as continuous
 * coordinates (a box covering pixel columns 0..9 completely spans x0 = 0 to x1 = 10).
 */
public record Detection(int label, String name, float score, float x0, float y0, float x1, float y1) {

    public float width() {
        return x1 - x0;
    }

    public float height() {
        return y1 - y0;
    }
}
