package org.colorizevideo.instance;

/**
 * Where a box lands on the fusion network's feature maps: the authors' {@code get_box_info}
 * (InstColorization, image_util.py) at the four map sizes 256, 128, 64 and 32.
 *
 * <p>Each corner is scaled as {@code int(x / W * size)} in double precision (truncation), so a box
 * can shrink to zero width or height on the small maps; the authors then widen it by one pixel to the
 * right (bottom), or to the left (top) when it touches the far edge. The result is the padding on each
 * side plus the box size, in that order, as their {@code box_info} rows.
 */
public final class BoxGeometry {

    /** Map sizes of the fusion levels, in the order of the authors' box_info_list. */
    public static final int[] LEVELS = {256, 128, 64, 32};

    /** {@code [L_pad, R_pad, T_pad, B_pad, width, height]} of one box on a size x size map. */
    public record BoxInfo(int leftPad, int rightPad, int topPad, int bottomPad, int width, int height) {

        /** The authors' row order. */
        public int[] toArray() {
            return new int[] {leftPad, rightPad, topPad, bottomPad, width, height};
        }
    }

    private BoxGeometry() {
    }

    public static BoxInfo boxInfo(InstanceBox box, int frameWidth, int frameHeight, int size) {
        int sx = (int) ((double) box.x0() / frameWidth * size);
        int sy = (int) ((double) box.y0() / frameHeight * size);
        int ex = (int) ((double) box.x1() / frameWidth * size);
        int ey = (int) ((double) box.y1() / frameHeight * size);
        int w = ex - sx;
        int h = ey - sy;
        if (w < 1) {
            if (size - ex > 1) {
                ex++;
            } else {
                sx--;
            }
            w = 1;
        }
        if (h < 1) {
            if (size - ey > 1) {
                ey++;
            } else {
                sy--;
            }
            h = 1;
        }
        return new BoxInfo(sx, size - ex, sy, size - ey, w, h);
    }
}
