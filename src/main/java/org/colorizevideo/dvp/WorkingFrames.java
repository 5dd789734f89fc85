package org.colorizevideo.dvp;

import org.colorizevideo.color.Lab;
import org.colorizevideo.color.Resampler;
import org.colorizevideo.dvp.DvpSettings.Mode;

/**
 * The frames of one chunk (at most {@code frames}) as the network sees them: at the working resolution, reflect-padded on the right
 * and bottom to multiples of 32, channel-major. Nothing at full resolution is kept, so memory is
 * bounded by the working size: fast mode keeps L* and a*b* as floats (12 bytes per working pixel),
 * faithful mode keeps gray and RGB as bytes (4 bytes per working pixel).
 *
 * <ul>
 * <li>FAST: input L* / 100 (1 channel), target a* / 100, b* / 100 (2 channels) of the processed frame.
 * <li>FAITHFUL: input gray/255 tiled to 3 channels, target RGB/255, as in the paper.
 * </ul>
 */
final class WorkingFrames {

    static final int MULTIPLE = 32;

    final Mode mode;
    final int frames, fullW, fullH, workW, workH, padW, padH;
    private final Resampler down;
    private final float[][] inF, targetF;
    private final byte[][] in8, target8;

    WorkingFrames(Mode mode, int frames, int fullW, int fullH, double scale) {
        this.mode = mode;
        this.frames = frames;
        this.fullW = fullW;
        this.fullH = fullH;
        this.workW = Math.max(1, (int) Math.round(fullW * scale));
        this.workH = Math.max(1, (int) Math.round(fullH * scale));
        this.padW = roundUp(workW);
        this.padH = roundUp(workH);
        this.down = workW == fullW && workH == fullH ? null : new Resampler(fullW, fullH, workW, workH);
        if (mode == Mode.FAST) {
            inF = new float[frames][];
            targetF = new float[frames][];
            in8 = null;
            target8 = null;
        } else {
            in8 = new byte[frames][];
            target8 = new byte[frames][];
            inF = null;
            targetF = null;
        }
    }

    static int roundUp(int v) {
        return (v + MULTIPLE - 1) / MULTIPLE * MULTIPLE;
    }

    int inChannels() {
        return mode == Mode.FAST ? 1 : 3;
    }

    int targetChannels() {
        return mode == Mode.FAST ? 2 : 3;
    }

    /** Stores frame i from its full-resolution L* (of the gray input) and the processed frame's RGB. */
    void put(int i, float[] lFull, int[] rgbFull) {
        int n = fullW * fullH;
        if (mode == Mode.FAST) {
            float[] a = new float[n], b = new float[n];
            double[] lab = new double[3];
            for (int p = 0; p < n; p++) {
                Lab.rgbToLab(rgbFull[p], lab);
                a[p] = (float) (lab[1] / 100.0);
                b[p] = (float) (lab[2] / 100.0);
            }
            float[] l = new float[n];
            for (int p = 0; p < n; p++) {
                l[p] = lFull[p] / 100f;
            }
            inF[i] = padded(new float[][] {work(l)});
            targetF[i] = padded(new float[][] {work(a), work(b)});
        } else {
            float[] g = new float[n], r = new float[n], gr = new float[n], bl = new float[n];
            for (int p = 0; p < n; p++) {
                g[p] = (float) (255.0 * Lab.lToGray(lFull[p]));
                int c = rgbFull[p];
                r[p] = (c >> 16) & 0xff;
                gr[p] = (c >> 8) & 0xff;
                bl[p] = c & 0xff;
            }
            in8[i] = bytes(padded(new float[][] {work(g)}));
            target8[i] = bytes(padded(new float[][] {work(r), work(gr), work(bl)}));
        }
    }

    /** Moves frame from's data to slot to (the overlap carried into the next chunk); from is left empty. */
    void move(int from, int to) {
        if (mode == Mode.FAST) {
            inF[to] = inF[from];
            targetF[to] = targetF[from];
            inF[from] = null;
            targetF[from] = null;
        } else {
            in8[to] = in8[from];
            target8[to] = target8[from];
            in8[from] = null;
            target8[from] = null;
        }
    }

    /** Empties slot i. */
    void clear(int i) {
        if (mode == Mode.FAST) {
            inF[i] = null;
            targetF[i] = null;
        } else {
            in8[i] = null;
            target8[i] = null;
        }
    }

    boolean has(int i) {
        return mode == Mode.FAST ? inF[i] != null : in8[i] != null;
    }

    /** Network input of frame i: inChannels x padH x padW. */
    float[] input(int i) {
        if (mode == Mode.FAST) {
            return inF[i];
        }
        int plane = padW * padH;
        float[] out = new float[3 * plane];
        byte[] g = in8[i];
        for (int p = 0; p < plane; p++) {
            float v = (g[p] & 0xff) / 255f;
            out[p] = v;
            out[plane + p] = v;
            out[2 * plane + p] = v;
        }
        return out;
    }

    /** Target of frame i: targetChannels x padH x padW. */
    float[] target(int i) {
        if (mode == Mode.FAST) {
            return targetF[i];
        }
        byte[] t = target8[i];
        float[] out = new float[t.length];
        for (int p = 0; p < t.length; p++) {
            out[p] = (t[p] & 0xff) / 255f;
        }
        return out;
    }

    /** Bytes held, for the memory estimate in the summary. */
    long bytes() {
        long perFrame = (long) padW * padH * (mode == Mode.FAST ? 4L * 3 : 4L);
        return perFrame * frames;
    }

    private float[] work(float[] full) {
        if (down == null) {
            return full;
        }
        float[] w = new float[workW * workH];
        down.resample(full, w);
        return w;
    }

    /** Channels of workW x workH, reflect-padded into one padW x padH channel-major array. */
    private float[] padded(float[][] channels) {
        int plane = padW * padH;
        float[] out = new float[channels.length * plane];
        for (int c = 0; c < channels.length; c++) {
            float[] src = channels[c];
            for (int y = 0; y < padH; y++) {
                int sy = reflect(y, workH);
                int row = c * plane + y * padW;
                for (int x = 0; x < padW; x++) {
                    out[row + x] = src[sy * workW + reflect(x, workW)];
                }
            }
        }
        return out;
    }

    /** Mirror index without repeating the edge (numpy 'reflect'), for any distance past the edge. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    private static byte[] bytes(float[] v) {
        byte[] out = new byte[v.length];
        for (int p = 0; p < v.length; p++) {
            out[p] = (byte) Math.max(0, Math.min(255, Math.round(v[p])));
        }
        return out;
    }
}
