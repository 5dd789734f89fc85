package org.colorizevideo.colorize;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Resampler;
import org.colorizevideo.colorize.StageTimes.Stage;
import org.colorizevideo.hints.HintRaster;
import org.colorizevideo.hints.HintSet;
import org.colorizevideo.hints.HintSpreading;
import org.colorizevideo.model.AbDecoder;
import org.colorizevideo.model.ColorizationModel;

/**
 * Automatic colorization (Zhang et al. 2016 and models with the same contract), a batch of same-sized
 * frames at a time: L* -> resize to the model input -> ONNX Runtime -> decode ab -> resize ab to full
 * resolution -> recombine with the full-resolution L* -> sRGB with gamut clipping. Frames are
 * independent of each other. With a {@link HintSet}, frames that have hints are colorized with them
 * (Zhang et al. 2017: the hint a*b* and mask at the model's input size), the others as without; with a
 * {@link HintSpreading} as well, what the hints still say after the network is spread along the frame's edges.
 */
public final class AutomaticFrameColorizer implements FrameColorizer {

    private final ColorizationModel model;
    private final AbDecoder decoder;
    private final StageTimes times;
    private Resampler down;
    private Resampler up;

    private final int batch;
    private final HintSet hints;
    private final HintSpreading spreading;
    private Resampler toGrid;
    private Resampler gridUp;

    /** @param batch frames per inference call */
    public AutomaticFrameColorizer(ColorizationModel model, double temperature, int batch, StageTimes times) {
        this(model, temperature, batch, times, null);
    }

    /** @param hints colour hints per frame, or null for none */
    public AutomaticFrameColorizer(ColorizationModel model, double temperature, int batch, StageTimes times,
            HintSet hints) {
        this(model, temperature, batch, times, hints, null);
    }

    /** @param spreading how the hints' remaining difference is spread over the frame, or null: not at all */
    public AutomaticFrameColorizer(ColorizationModel model, double temperature, int batch, StageTimes times,
            HintSet hints, HintSpreading spreading) {
        this(model, temperature, Double.NaN, batch, times, hints, spreading);
    }

    /** @param saturation chroma gain instead of the manifest's (AbDecoder); NaN or <= 0: the manifest's */
    public AutomaticFrameColorizer(ColorizationModel model, double temperature, double saturation, int batch,
            StageTimes times, HintSet hints, HintSpreading spreading) {
        this.spreading = spreading;
        this.model = model;
        this.batch = batch;
        this.decoder = new AbDecoder(model.manifest(), temperature, saturation);
        this.times = times;
        this.hints = hints == null || hints.isEmpty() ? null : hints;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public List<int[]> colorize(int first, List<float[]> lPlanes, int width, int height) throws ColorizeException {
        long t0 = System.nanoTime();
        int[] in = model.manifest().inputSizeFor(height, width);
        int mh = in[0], mw = in[1], n = lPlanes.size();
        if (down == null || down.srcWidth() != width || down.srcHeight() != height) {
            down = new Resampler(width, height, mw, mh);
            up = null;
        }
        float[] batch = new float[n * mh * mw];
        for (int i = 0; i < n; i++) {
            down.resample(lPlanes.get(i), 0, batch, i * mh * mw);
        }
        long t1 = System.nanoTime();
        times.add(Stage.PREPROCESS, t1 - t0);

        float[] hintAb = null, hintFlag = null;
        HintRaster.Planes[] painted = new HintRaster.Planes[n];
        if (hints != null) {
            for (int i = 0; i < n; i++) {
                var frameHints = hints.forFrame(first + i);
                if (frameHints.isEmpty()) {
                    continue;
                }
                if (hintAb == null) {
                    hintAb = new float[n * 2 * mh * mw];
                    hintFlag = new float[n * mh * mw];
                }
                HintRaster.Planes planes = HintRaster.paint(frameHints, width, height, mw, mh, hints.clickSize());
                painted[i] = planes;
                System.arraycopy(planes.ab(), 0, hintAb, i * 2 * mh * mw, 2 * mh * mw);
                System.arraycopy(planes.mask(), 0, hintFlag, i * mh * mw, mh * mw);
            }
        }
        long[] shape = new long[4];
        // A model without hint inputs still gets the hints through the spreading below.
        boolean netHints = hintAb != null && model.manifest().takesHints();
        float[] out = model.run(batch, n, mh, mw, shape, netHints ? hintAb : null, netHints ? hintFlag : null);
        long t2 = System.nanoTime();
        times.add(Stage.INFERENCE, t2 - t1);

        int c = (int) shape[1], oh = (int) shape[2], ow = (int) shape[3];
        if (up == null || up.srcWidth() != ow || up.srcHeight() != oh) {
            up = new Resampler(ow, oh, width, height);
        }
        float[] a = new float[oh * ow], b = new float[oh * ow];
        float[] fullA = new float[width * height], fullB = new float[width * height];
        List<int[]> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            decoder.decode(out, i, c, oh * ow, a, b);
            IntStream.range(0, 2).parallel().forEach(k -> up.resample(k == 0 ? a : b, k == 0 ? fullA : fullB));
            if (spreading != null && painted[i] != null) {
                float[] l = java.util.Arrays.copyOfRange(batch, i * mh * mw, (i + 1) * mh * mw);
                spread(l, painted[i], a, b, ow, oh, mw, mh, fullA, fullB, width, height);
            }
            result.add(FastLab.labToRgb(lPlanes.get(i), fullA, fullB, width, height));
        }
        times.add(Stage.POSTPROCESS, System.nanoTime() - t2);
        return result;
    }

    /** Adds a frame's spread hint correction, computed on the model's input grid (l, hints), to its full-size a*b*. */
    private void spread(float[] l, HintRaster.Planes hints, float[] a, float[] b, int ow, int oh, int mw, int mh,
            float[] fullA, float[] fullB, int width, int height) {
        int hw = mw * mh;
        float[] ga = a, gb = b;
        if (ow != mw || oh != mh) {
            if (toGrid == null || toGrid.srcWidth() != ow || toGrid.srcHeight() != oh || toGrid.dstWidth() != mw
                    || toGrid.dstHeight() != mh) {
                toGrid = new Resampler(ow, oh, mw, mh);
            }
            ga = new float[hw];
            gb = new float[hw];
            toGrid.resample(a, ga);
            toGrid.resample(b, gb);
        }
        float[][] c = spreading.correction(l, hints.ab(), hints.weight(), ga, gb, mw, mh);
        if (gridUp == null || gridUp.srcWidth() != mw || gridUp.srcHeight() != mh || gridUp.dstWidth() != width
                || gridUp.dstHeight() != height) {
            gridUp = new Resampler(mw, mh, width, height);
        }
        float[] up = new float[width * height];
        gridUp.resample(c[0], up);
        for (int p = 0; p < up.length; p++) {
            fullA[p] += up[p];
        }
        gridUp.resample(c[1], up);
        for (int p = 0; p < up.length; p++) {
            fullB[p] += up[p];
        }
    }
}
