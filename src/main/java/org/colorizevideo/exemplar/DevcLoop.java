package org.colorizevideo.exemplar;

import static org.colorizevideo.exemplar.ExemplarManifest.HEIGHT;
import static org.colorizevideo.exemplar.ExemplarManifest.L_OFFSET;
import static org.colorizevideo.exemplar.ExemplarManifest.WIDTH;

import java.util.stream.IntStream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Lab;
import org.colorizevideo.flow.OpenCvFlow;
import org.colorizevideo.instance.GrayLevels;
import org.colorizevideo.metrics.RgbFrame;

/**
 * The recurrent loop of Deep Exemplar-based Video Colorization: one reference image (keyframe)
 * colours a run of consecutive frames, each frame also seeing the previous output. Frames must come in
 * order; {@link #restart} switches to another reference and restarts the recurrence.
 * {@link ExemplarFrameColorizer} drives it over a clip's keyframes.
 *
 * <p>Graph and Java. The two ONNX graphs ({@link ExemplarModel}) hold every network: VGG19, WarpNet's
 * correspondence and warp, ColorVidNet. Java does what test.py does around them, because it depends on
 * the frame's size or on the previous frame and is cheap, exact arithmetic:
 * <ol>
 * <li>CenterPad of the frame and of the reference to 432x768 ({@link CenterPad}; models whose manifest
 * says {@code "fit": "stretch"} scale each axis on its own instead; DEVC: scale to cover with
 * scikit-image's anti-aliased resize, centre crop, 8-bit truncation). A frame arrives as an L* plane;
 * it is turned back into 8-bit gray first ({@link GrayLevels}, exact for 8-bit input), as test.py reads
 * 8-bit images;</li>
 * <li>Lab (scikit-image's rgb2lab, {@link Lab}), cast to float, L* - 50;</li>
 * <li>bilinear x0.5 to 216x384 (PyTorch's {@code interpolate(scale_factor=0.5)}: the mean of each 2x2
 * block, summed in PyTorch's order in float);</li>
 * <li>the recurrence: {@code prev_lab} is zeros for the first frame (L* 50, ab 0), then the previous
 * frame's L* - 50 and its predicted ab (before any gain), all at 216x384;</li>
 * <li>the way back: the predicted ab, at 216x384, covers the centre crop of the scaled frame. Each
 * frame pixel (x, y) is mapped through the scaling and the crop to the network coordinate
 * u = ((x + 0.5) * scaledWidth / width - left) / 2 - 0.5 (likewise v) and ab is interpolated bilinearly
 * there; pixels that the crop cut off (the top and bottom of a 4:3 frame) take the nearest border
 * value. The ab is then joined with the frame's own full-resolution L*, so the output keeps the input's
 * luminance, as the plugin's other colorizers do (FastLab, chroma reduced at constant L* when out of
 * gamut).</li>
 * </ol>
 * Differences from test.py, which writes 432x768 images: it upsamples ab x2 to 432x768, multiplies it by
 * 1.25 and smooths it with a fast global (WLS) filter guided by L. Here the output has the frame's size
 * and geometry; the 1.25 gain is the {@code abGain} argument ({@link #AUTHORS_AB_GAIN} for test.py's,
 * 1 for the network's own ab); the WLS filter is not done. And where the first frame after a restart is
 * the reference's own frame ({@link ReferenceOwnFrame}: a keyframe coloured from that frame), its output is
 * the reference's colours and they are fed back as the previous output; test.py colours that frame too and
 * feeds back its own output, a re-synthesis of colours the user has given exactly.
 *
 * <p>Models whose manifest names a {@code frameCopy} (exemplar-v11 on) return the parts of their gated copy
 * too, and the copy is redone at the frame's size ({@link FrameSizeCopy}), so what it carries keeps its
 * full resolution; the network is fed back its own 216x384 ab as in training.
 *
 * <p>Models whose manifest names a {@code previousWarp} (ours, exemplar-v2 and v3) get the previous output
 * moved onto the current frame by optical flow before it is fed back ({@link PreviousWarp}); DEVC's is
 * fed back as it is.
 */
public final class DevcLoop implements ReferenceLoop, AutoCloseable {

    /** test.py's ab gain before its WLS filter. */
    public static final float AUTHORS_AB_GAIN = 1.25f;

    private static final int PLANE = HEIGHT * WIDTH;
    /** L* of the 256 gray levels, as scikit-image's rgb2lab gives it. */
    private static final float[] L_OF_LEVEL = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            L_OF_LEVEL[v] = GrayLevels.lStar(v);
        }
    }

    private final ExemplarModel model;
    private final float temperature;
    private final float abGain;
    private final PreviousWarp warp;
    private final FrameSizeCopy frameCopy;
    private ExemplarModel.Reference reference;
    private float[] referenceNetworkLab;
    private ReferenceOwnFrame ownFrame;
    private float[] previous;
    private ExemplarModel.Step last;
    private CenterPad framePad;
    private BackToFrame back;

    /**
     * A loop without a reference yet: call {@link #restart} before the first frame.
     *
     * @param temperature the correlation softmax's; {@link ExemplarModel#temperature()} is test.py's
     * @param abGain      factor on the output ab: 1, or {@link #AUTHORS_AB_GAIN}
     */
    public DevcLoop(ExemplarModel model, float temperature, float abGain) {
        this.model = model;
        this.temperature = temperature;
        this.abGain = abGain;
        String method = model.manifest().previousWarp;
        this.warp = method == null ? null : new PreviousWarp(OpenCvFlow.Method.parse(method));
        String copy = model.manifest().frameCopy;
        Double trust = model.manifest().frameCopyTrust;
        Double unmatched = model.manifest().frameCopyUnmatchedTrust;
        this.frameCopy = copy == null ? null : new FrameSizeCopy(OpenCvFlow.Method.parse(copy),
                trust == null ? 1 : trust, unmatched == null ? Double.NaN : unmatched);
    }

    @Override
    public void restart(RgbFrame ref) throws ColorizeException {
        referenceNetworkLab = referenceLab(ref.pixels(), ref.width(), ref.height(), stretch());
        reference = model.referenceFeatures(referenceNetworkLab);
        ownFrame = new ReferenceOwnFrame(ref);
        previous = new float[3 * PLANE];
        last = null;
        if (frameCopy != null) {
            frameCopy.reset();
        }
    }

    @Override
    public int[] next(float[] lStar, int width, int height) throws ColorizeException {
        if (reference == null) {
            throw new IllegalStateException("restart(reference) must come before the first frame");
        }
        if (width < 1 || height < 1 || lStar.length != width * height) {
            throw new ColorizeException("The L* plane has " + lStar.length + " values but the frame is " + width + "x" + height + ".");
        }
        if (framePad == null || framePad.srcWidth != width || framePad.srcHeight != height) {
            framePad = new CenterPad(width, height, stretch());
            back = new BackToFrame(framePad);
        }
        float[] l = networkL(framePad, lStar);
        if (last == null && ownFrame.isItsFrame(lStar, width, height)) {
            return referenceOnItsFrame(l, lStar, width, height);
        }
        if (warp != null && last != null) {
            previous = warp.apply(previous, l);
        }
        last = model.step(l, reference, previous, temperature);
        feedBack(l, last.ab());

        float[] a;
        float[] b;
        if (frameCopy != null) {
            float[][] ab = frameCopy.apply(lStar, width, height, last, back);
            a = gain(ab[0]);
            b = gain(ab[1]);
        } else {
            a = back.apply(last.ab(), 0, abGain);
            b = back.apply(last.ab(), PLANE, abGain);
        }
        return FastLab.labToRgb(lStar, a, b, width, height);
    }

    /**
     * The first frame after a restart is the one the reference was made from ({@link ReferenceOwnFrame}): its
     * output is the reference's a*b* with the frame's L*, and the reference's a*b* (at 216x384, and at the
     * frame's size for {@link FrameSizeCopy}) is the previous output of the next frame. No network step runs;
     * {@link #lastStep} then holds the reference's ab and no similarity.
     */
    private int[] referenceOnItsFrame(float[] l, float[] lStar, int width, int height) {
        float[][] ab = ownFrame.ab();
        float[] refAb = new float[2 * PLANE];
        System.arraycopy(referenceNetworkLab, PLANE, refAb, 0, 2 * PLANE);
        last = new ExemplarModel.Step(refAb, null, null, null);
        feedBack(l, refAb);
        if (frameCopy != null) {
            frameCopy.seed(lStar, ab[0], ab[1], width, height);
        }
        return FastLab.labToRgb(lStar, ab[0], ab[1], width, height);
    }

    /** The next frame's previous output: this frame's network L and the given ab planes (216x384). */
    private void feedBack(float[] l, float[] ab) {
        previous = new float[3 * PLANE];
        System.arraycopy(l, 0, previous, 0, PLANE);
        System.arraycopy(ab, 0, previous, PLANE, 2 * PLANE);
    }

    private float[] gain(float[] plane) {
        if (abGain != 1f) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] *= abGain;
            }
        }
        return plane;
    }

    @Override
    public void close() {
        if (warp != null) {
            warp.close();
        }
        if (frameCopy != null) {
            frameCopy.close();
        }
    }

    /**
     * The last frame's network output at 216x384 (ab planes, similarity, and for {@code frameCopy} models the
     * net's own ab and the gate), or null before the first frame; on the reference's own frame the reference's ab.
     */
    public ExemplarModel.Step lastStep() {
        return last;
    }

    /** Whether the model fits frames by stretching instead of DEVC's cover-and-crop. */
    private boolean stretch() {
        return model.manifest().preprocess != null && model.manifest().preprocess.stretch();
    }

    /** A frame's graph input L: its 8-bit gray after CenterPad, L* - 50, at 216x384. */
    static float[] networkL(CenterPad pad, float[] lStar) {
        int[] padded = pad.apply(GrayLevels.levels(lStar));
        float[] l = new float[padded.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = L_OF_LEVEL[padded[i]] - (float) L_OFFSET;
        }
        return halve(l, 0, new float[PLANE], 0);
    }

    /** The reference graph's input: CenterPad of each channel, rgb2lab, L* - 50, at 216x384 (planes L, a, b). */
    static float[] referenceLab(int[] rgb, int width, int height) {
        return referenceLab(rgb, width, height, false);
    }

    static float[] referenceLab(int[] rgb, int width, int height, boolean stretch) {
        CenterPad pad = new CenterPad(width, height, stretch);
        int[][] channels = new int[3][rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            channels[0][i] = (rgb[i] >> 16) & 0xff;
            channels[1][i] = (rgb[i] >> 8) & 0xff;
            channels[2][i] = rgb[i] & 0xff;
        }
        int[][] padded = IntStream.range(0, 3).parallel().mapToObj(c -> pad.apply(channels[c])).toArray(int[][]::new);
        int n = padded[0].length;
        float[] lab = new float[3 * n];
        double[] px = new double[3];
        for (int i = 0; i < n; i++) {
            Lab.rgbToLab(padded[0][i] / 255.0, padded[1][i] / 255.0, padded[2][i] / 255.0, px);
            lab[i] = (float) px[0] - (float) L_OFFSET;   // test.py: float32 first, then - 50
            lab[n + i] = (float) px[1];
            lab[2 * n + i] = (float) px[2];
        }
        float[] out = new float[3 * PLANE];
        for (int c = 0; c < 3; c++) {
            halve(lab, c * n, out, c * PLANE);
        }
        return out;
    }

    /** PyTorch's bilinear x0.5 (align_corners=False) of one 432x768 plane: 0.5 (0.5 a + 0.5 b) + 0.5 (0.5 c + 0.5 d). */
    static float[] halve(float[] src, int srcOffset, float[] dst, int dstOffset) {
        int w = 2 * WIDTH;
        for (int y = 0; y < HEIGHT; y++) {
            int r0 = srcOffset + 2 * y * w, r1 = r0 + w;
            for (int x = 0; x < WIDTH; x++) {
                float top = 0.5f * src[r0 + 2 * x] + 0.5f * src[r0 + 2 * x + 1];
                float bottom = 0.5f * src[r1 + 2 * x] + 0.5f * src[r1 + 2 * x + 1];
                dst[dstOffset + y * WIDTH + x] = 0.5f * top + 0.5f * bottom;
            }
        }
        return dst;
    }

    /**
     * Bilinear interpolation of a 216x384 plane at the frame's pixels, through CenterPad's scaling and
     * crop (see the class comment); coordinates outside the network's view are clamped to its border.
     */
    static final class BackToFrame {
        final int width;
        final int height;
        private final int[] x0, x1, y0, y1;
        private final float[] wx, wy;

        BackToFrame(CenterPad pad) {
            width = pad.srcWidth;
            height = pad.srcHeight;
            x0 = new int[width];
            x1 = new int[width];
            wx = new float[width];
            y0 = new int[height];
            y1 = new int[height];
            wy = new float[height];
            axis(width, pad.scaledWidth, pad.left, WIDTH, x0, x1, wx);
            axis(height, pad.scaledHeight, pad.top, HEIGHT, y0, y1, wy);
        }

        private static void axis(int n, int scaled, int offset, int net, int[] i0, int[] i1, float[] w) {
            for (int i = 0; i < n; i++) {
                double u = ((i + 0.5) * scaled / n - offset) / 2.0 - 0.5;
                u = Math.max(0.0, Math.min(net - 1, u));
                int lo = Math.min((int) Math.floor(u), net - 2);
                i0[i] = lo;
                i1[i] = lo + 1;
                w[i] = (float) (u - lo);
            }
        }

        float[] apply(float[] plane, int offset, float gain) {
            float[] out = new float[width * height];
            for (int y = 0; y < height; y++) {
                int r0 = offset + y0[y] * WIDTH, r1 = offset + y1[y] * WIDTH;
                float v = wy[y];
                for (int x = 0; x < width; x++) {
                    float u = wx[x];
                    float top = plane[r0 + x0[x]] + u * (plane[r0 + x1[x]] - plane[r0 + x0[x]]);
                    float bottom = plane[r1 + x0[x]] + u * (plane[r1 + x1[x]] - plane[r1 + x0[x]]);
                    out[y * width + x] = gain * (top + v * (bottom - top));
                }
            }
            return out;
        }
    }
}
