package org.colorizevideo.exemplar;

import org.colorizevideo.flow.BackwardWarp;
import org.colorizevideo.flow.FlowField;

/**
 * The forward-backward check of Sundaram, Brox and Keutzer (ECCV 2010), as Ruder et al. use it for video
 * style transfer: a pixel's flow is trusted where going along it and back lands where it started,
 * {@code |w + w^(x + w)|^2 <= 0.01 (|w|^2 + |w^(x + w)|^2) + 0.5}, with {@code w} the flow from the current
 * frame to the previous one and {@code w^} the flow back.
 */
final class ForwardBackward {

    private ForwardBackward() {
    }

    /** For every pixel of {@code there}'s grid, whether {@code back} (sampled where {@code there} lands) returns it. */
    static boolean[] consistent(FlowField there, FlowField back) {
        int n = there.width() * there.height();
        double[] bu = BackwardWarp.plane(back.u(), 0, there);
        double[] bv = BackwardWarp.plane(back.v(), 0, there);
        float[] u = there.u();
        float[] v = there.v();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            double du = u[i] + bu[i];
            double dv = v[i] + bv[i];
            double magnitude = u[i] * u[i] + v[i] * v[i] + bu[i] * bu[i] + bv[i] * bv[i];
            out[i] = du * du + dv * dv <= 0.01 * magnitude + 0.5;
        }
        return out;
    }
}
