package org.colorizevideo.flow;

/**
 * Backward warping of one image plane by a flow field, with bilinear sampling:
 * {@code out(x) = plane(x + flow(x))}, on the flow's grid, in double precision. A sample beyond the
 * edge takes the value of the nearest edge pixel (border replication): the four neighbours
 * {@code floor(x+u)}, {@code floor(x+u)+1} (likewise in y) are each clamped to the plane while the
 * weights come from the unclamped position, as in FlowNet2's {@code Resample2d} (Lai et al.'s warp
 * error). This gives the same values as clamping the position first, PyTorch's {@code grid_sample} with
 * {@code padding_mode='border'} and {@code align_corners=True} (exemplar training's previous-frame warp).
 */
public final class BackwardWarp {

    private BackwardWarp() {
    }

    /**
     * The plane stored at {@code planes[offset .. offset + w*h)} (row-major, the flow's width and height)
     * sampled at {@code x + by(x)} for every pixel {@code x} of the flow's grid.
     */
    public static double[] plane(float[] planes, int offset, FlowField by) {
        int w = by.width();
        int h = by.height();
        if (offset < 0 || planes.length - offset < w * h) {
            throw new IllegalArgumentException("the plane at " + offset + " is not " + w + "x" + h);
        }
        float[] du = by.u();
        float[] dv = by.v();
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double xf = x + (double) du[i];
                double yf = y + (double) dv[i];
                double x0f = Math.floor(xf);
                double y0f = Math.floor(yf);
                double a = xf - x0f;
                double b = yf - y0f;
                int xl = clamp((int) x0f, w);
                int xr = clamp((int) x0f + 1, w);
                int yt = offset + clamp((int) y0f, h) * w;
                int yb = offset + clamp((int) y0f + 1, h) * w;
                out[i] = (1 - a) * (1 - b) * planes[yt + xl] + a * (1 - b) * planes[yt + xr]
                        + (1 - a) * b * planes[yb + xl] + a * b * planes[yb + xr];
            }
        }
        return out;
    }

    /** Index clamp to {@code 0..n-1}; also safe for huge or NaN-derived coordinates. */
    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
