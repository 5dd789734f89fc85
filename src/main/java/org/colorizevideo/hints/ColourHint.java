package org.colorizevideo.hints;

/**
 * One user colour hint (Zhang et al. 2017): "these pixels of this frame should have this colour". Only the
 * colour's a*b* is used; the frame keeps its own L*.
 *
 * @param frame 0-based frame index
 * @param xs x of each pixel the hint covers, in frame pixels
 * @param ys y of each pixel, same length as xs
 * @param clicks true for clicked points: each paints a square of the hint size in model pixels (as the
 *     authors' interface paints a click); false for strokes and areas, whose pixels are painted as they lie
 * @param a a* of the wanted colour
 * @param b b* of the wanted colour
 * @param label what the user calls it (ROI name), for messages
 */
public record ColourHint(int frame, int[] xs, int[] ys, boolean clicks, float a, float b, String label) {

    public ColourHint {
        if (xs.length != ys.length || xs.length == 0) {
            throw new IllegalArgumentException("a hint needs as many x as y coordinates, at least one");
        }
    }

    /** A single clicked point. */
    public static ColourHint click(int frame, int x, int y, float a, float b, String label) {
        return new ColourHint(frame, new int[] {x}, new int[] {y}, true, a, b, label);
    }
}
