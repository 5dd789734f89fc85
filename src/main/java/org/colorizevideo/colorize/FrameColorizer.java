package org.colorizevideo.colorize;

import java.util.List;
import org.colorizevideo.ColorizeException;

/**
 * One way of colorizing frames, driven by the engine's one frame loop: automatic
 * ({@link AutomaticFrameColorizer}), instance-aware ({@link InstanceFrameColorizer}), exemplar-based
 * ({@link ExemplarFrameColorizer}, with its recurrent state). The loop hands
 * every frame exactly once, in order, in runs of at most {@link #batch()} consecutive frames, so a
 * strategy may keep state from one frame to the next.
 */
public interface FrameColorizer {

    /** The most consecutive frames one {@link #colorize} call takes (1 for per-frame or recurrent strategies). */
    int batch();

    /**
     * Colorizes frames {@code first}, {@code first + 1}, ... (0-based), given as L* planes of
     * width x height; returns packed RGB per frame, each recombined with its own full-resolution L*.
     */
    List<int[]> colorize(int first, List<float[]> lPlanes, int width, int height) throws ColorizeException;

    /** A strategy that takes one frame at a time, in order (instance-aware, exemplar with its recurrent state). */
    interface OneAtATime extends FrameColorizer {

        /** Colorizes frame {@code frame} (0-based), given as an L* plane; returns packed RGB. */
        int[] colorize(int frame, float[] lStar, int width, int height) throws ColorizeException;

        @Override
        default int batch() {
            return 1;
        }

        @Override
        default List<int[]> colorize(int first, List<float[]> lPlanes, int width, int height) throws ColorizeException {
            List<int[]> out = new java.util.ArrayList<>(lPlanes.size());
            for (int i = 0; i < lPlanes.size(); i++) {
                out.add(colorize(first + i, lPlanes.get(i), width, height));
            }
            return out;
        }
    }
}
