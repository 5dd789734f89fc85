package org.colorizevideo.shots;

import org.colorizevideo.color.Lab;

/**
 * PySceneDetect's content value on luminance alone ({@code luma_only=True}): the mean absolute
 * difference between consecutive frames of the 8-bit gray level (the sRGB gray of each pixel's L*, which
 * is the HSV value channel of a gray frame), on the frame downscaled by an integer factor to about 256
 * pixels wide as PySceneDetect does by default. Fed frame by frame in order; holds one small frame.
 */
final class LumaDifference {

    private static final int TARGET_WIDTH = 256;
    private static final int[] GRAY = grayOfLstar();

    private int[] previous;

    /** The content value of this frame against the previous one (0 for the first frame). */
    double next(float[] lStar, int width, int height) {
        int[] small = downscaled(lStar, width, height);
        double score = 0;
        if (previous != null && previous.length == small.length) {
            long sum = 0;
            for (int p = 0; p < small.length; p++) {
                sum += Math.abs(small[p] - previous[p]);
            }
            score = (double) sum / small.length;
        }
        previous = small;
        return score;
    }

    /** Block mean over factor x factor pixels (factor = width / 256, at least 1), as 8-bit gray. */
    private static int[] downscaled(float[] lStar, int width, int height) {
        int f = Math.max(1, width / TARGET_WIDTH);
        int w = width / f, h = height / f;
        int[] out = new int[w * h];
        float n = f * f;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int dy = 0; dy < f; dy++) {
                    int row = (y * f + dy) * width + x * f;
                    for (int dx = 0; dx < f; dx++) {
                        sum += lStar[row + dx];
                    }
                }
                out[y * w + x] = gray(sum / n);
            }
        }
        return out;
    }

    private static int gray(float l) {
        int i = Math.round(l * 10f);
        return GRAY[i < 0 ? 0 : i > 1000 ? 1000 : i];
    }

    /** sRGB gray level (0..255) of L* = i / 10 ({@link Lab#lToGray}). */
    private static int[] grayOfLstar() {
        int[] table = new int[1001];
        for (int i = 0; i <= 1000; i++) {
            table[i] = (int) Math.round(255 * Lab.lToGray(i / 10.0));
        }
        return table;
    }
}
