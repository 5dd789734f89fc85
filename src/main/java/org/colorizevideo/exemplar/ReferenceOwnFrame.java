package org.colorizevideo.exemplar;

import org.colorizevideo.color.Lab;
import org.colorizevideo.metrics.RgbFrame;

/**
 * A reference that was made from a frame of the clip (a keyframe the user coloured, the clip's first colour
 * frame) recognises that frame: same size and the same L* (mean |difference| at most
 * {@link #MAX_MEAN_L_DIFFERENCE}, which 8-bit gray made from the colour frame, or the colour frame saved
 * as JPEG, stays well within). On its own frame the loop outputs the reference's colours, the one frame
 * whose colours the user has given exactly, and feeds them back as the previous output, so the frames
 * after it start from the reference itself rather than from the network's re-synthesis of it.
 *
 * <p>The reference's Lab at its full size is computed on the first question and only when the sizes agree.
 */
final class ReferenceOwnFrame {

    /** Largest mean |L* difference| at which a frame counts as the reference's own (L* 0..100). */
    static final double MAX_MEAN_L_DIFFERENCE = 1.0;

    private final RgbFrame reference;
    private float[][] lab;

    ReferenceOwnFrame(RgbFrame reference) {
        this.reference = reference;
    }

    /** Whether the frame (L* plane, row-major) is the one the reference was made from. */
    boolean isItsFrame(float[] lStar, int width, int height) {
        if (width != reference.width() || height != reference.height()) {
            return false;
        }
        float[] l = lab()[0];
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            sum += Math.abs(l[i] - lStar[i]);
        }
        return sum <= MAX_MEAN_L_DIFFERENCE * l.length;
    }

    /** The reference's a* and b* planes at its size. */
    float[][] ab() {
        return new float[][] {lab()[1], lab()[2]};
    }

    private float[][] lab() {
        if (lab == null) {
            int[] rgb = reference.pixels();
            float[][] planes = new float[3][rgb.length];
            double[] px = new double[3];
            for (int i = 0; i < rgb.length; i++) {
                Lab.rgbToLab(rgb[i], px);
                planes[0][i] = (float) px[0];
                planes[1][i] = (float) px[1];
                planes[2][i] = (float) px[2];
            }
            lab = planes;
        }
        return lab;
    }
}
