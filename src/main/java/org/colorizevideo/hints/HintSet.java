package org.colorizevideo.hints;

import java.util.List;

/**
 * The hints of a run: every hint with its frame, and the side in model pixels that a click paints.
 * Immutable.
 */
public record HintSet(List<ColourHint> hints, int clickSize) {

    /** The authors' test protocol reveals 6x6 patches at 256x256, their interface paints small squares. */
    public static final int DEFAULT_CLICK_SIZE = 3;

    public HintSet {
        hints = List.copyOf(hints);
        if (clickSize < 1) {
            throw new IllegalArgumentException("hint size must be at least 1 model pixel, got " + clickSize);
        }
    }

    public List<ColourHint> forFrame(int frame) {
        return hints.stream().filter(h -> h.frame() == frame).toList();
    }

    public boolean isEmpty() {
        return hints.isEmpty();
    }
}
