package org.colorizevideo.instance;

import org.colorizevideo.ColorizeException;

/**
 * One detected instance as a box in frame pixels: columns {@code x0 .. x1-1}, rows {@code y0 .. y1-1}
 * (the end is exclusive, as in PIL's {@code crop}), with the detector's score. InstColorization uses
 * integer boxes: the authors cast the detector's float boxes with {@code astype(np.int32)}, which
 * {@link #fromDetection} reproduces (truncation toward zero).
 */
public record InstanceBox(int x0, int y0, int x1, int y1, float score) {

    /** A detector box (x0, y0, x1, y1 in pixels, floats) truncated like numpy's astype(int32). */
    public static InstanceBox fromDetection(float x0, float y0, float x1, float y1, float score) {
        return new InstanceBox((int) x0, (int) y0, (int) x1, (int) y1, score);
    }

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }

    /** Throws unless the box has at least one pixel and lies inside a frame of the given size. */
    public void checkInside(int frameWidth, int frameHeight) throws ColorizeException {
        if (x0 < 0 || y0 < 0 || x1 > frameWidth || y1 > frameHeight || x1 <= x0 || y1 <= y0) {
            throw new ColorizeException("The instance box " + this + " is not a non-empty box inside the "
                    + frameWidth + "x" + frameHeight + " frame; clip detector boxes to the frame and drop empty ones.");
        }
    }

    @Override
    public String toString() {
        return "(" + x0 + ", " + y0 + ")-(" + x1 + ", " + y1 + ")";
    }
}
