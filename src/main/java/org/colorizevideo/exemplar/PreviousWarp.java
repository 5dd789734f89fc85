package org.colorizevideo.exemplar;

import static org.colorizevideo.exemplar.ExemplarManifest.HEIGHT;
import static org.colorizevideo.exemplar.ExemplarManifest.L_OFFSET;
import static org.colorizevideo.exemplar.ExemplarManifest.WIDTH;

import org.colorizevideo.flow.BackwardWarp;
import org.colorizevideo.flow.FlowField;
import org.colorizevideo.flow.OpenCvFlow;

/**
 * Moves the previous output onto the current frame before it is fed back, for models whose manifest
 * asks for it ({@code "previousWarp": "dis-medium"}; exemplar-v2 and v3 are trained this way,
 * models/training/train_exemplar.py's {@code PreviousWarp}). DEVC feeds the previous output back
 * unaligned; aligned, the colorization net can copy it where the motion estimate holds and fall back on
 * the reference where it does not (it sees the warped previous L* next to the frame's own, so it can
 * tell).
 *
 * <p>At the network size (216x384): optical flow (OpenCV, the manifest's method) from the current
 * frame's L* to the previous frame's, both as 8-bit images {@code round((L* - 50 + 50) * 2.55)}; every
 * plane of the previous Lab is sampled bilinearly at {@code x + flow(x)}, coordinates clamped to the
 * plane (PyTorch's grid_sample with border padding and align_corners=True, as in training).
 *
 * <p>Holds OpenCV's flow state: one per loop, not thread-safe; close it.
 */
final class PreviousWarp implements AutoCloseable {

    private static final int PLANE = HEIGHT * WIDTH;

    private final OpenCvFlow flow;

    PreviousWarp(OpenCvFlow.Method method) {
        flow = new OpenCvFlow(method);
    }

    /**
     * The previous frame's centred Lab (planes L, a, b at 216x384) moved onto the current frame, whose
     * centred L is {@code currentL}.
     */
    float[] apply(float[] previousLab, float[] currentL) {
        FlowField f = flow.compute(bytes(currentL, 0), bytes(previousLab, 0), WIDTH, HEIGHT);
        float[] out = new float[3 * PLANE];
        for (int c = 0; c < 3; c++) {
            double[] plane = BackwardWarp.plane(previousLab, c * PLANE, f);
            for (int i = 0; i < PLANE; i++) {
                out[c * PLANE + i] = (float) plane[i];
            }
        }
        return out;
    }

    /** The 8-bit image the flow is computed on: centred L* scaled to 0..255. */
    static byte[] bytes(float[] centredL, int offset) {
        byte[] out = new byte[PLANE];
        for (int i = 0; i < PLANE; i++) {
            long level = Math.round((centredL[offset + i] + L_OFFSET) * 2.55);
            out[i] = (byte) Math.max(0, Math.min(255, level));
        }
        return out;
    }

    @Override
    public void close() {
        flow.close();
    }
}
