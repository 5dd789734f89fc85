package org.colorizevideo.exemplar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.instance.GrayLevels;
import org.colorizevideo.metrics.RgbFrame;
import org.colorizevideo.model.DeviceChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DEVC end to end against PyTorch: models/export/export_devc.py exports randomly initialised copies of
 * the authors' networks (--random-init --seed 1, the conditioned init of devc_archs.conditioned_init_)
 * into target/devc-export (reused when its manifest names these weights) with a PyTorch reference of
 * test.py's recurrent loop on a synthetic clip: six gray 320x240 frames and a 200x300 RGB reference.
 * Java (CenterPad, Lab, x0.5, the recurrence, ONNX Runtime) must reproduce the graph inputs and, frame
 * after frame, the ab at 216x384. Needs /usr/bin/python3 with torch, onnx, scikit-image and Pillow
 * (skipped otherwise); the export takes ~3.5 minutes once.
 *
 * <p>Tolerances (issue #11, acceptance item 1). At test.py's temperature (1e-10, the manifest's, what the
 * plugin runs) the free-running Java loop is held to {@link #AB_TOLERANCE} = 1e-3 ab on all six frames
 * (measured 1.9e-4 to 2.5e-4; PyTorch float32 vs float64 is 1.6e-4 to 2.0e-4). At the training temperature
 * 0.01 the warp is a smooth softmax whose weights move by 1/T = 100 times the correlation's float32
 * rounding (~1e-6 through VGG19 and WarpNet), which moves the warped ab by ~1.5e-3 already in PyTorch
 * float32 vs float64; that loop is held to the measured {@link #SMOOTH_TOLERANCE}. At 1e-10 the warp is
 * an argmax: where the best two reference matches are closer than the rounding (the fixture's smallest
 * match gap is 1.0e-6, 22 of 31104 positions are below 1e-5), another CPU's kernels could pick the
 * other match and that frame would differ by several ab in a few pixels; see the DEVC section of
 * models/export/README.md for the figures and the reasons.
 */
class ExemplarLoopTest {

    static final String NAME = "devc_rand";
    /** The weights the fixture must come from (the manifest's weights.randomInit); re-exported otherwise. */
    static final String WEIGHTS = "random-init seed 1 (conditioned)";
    /** Graph inputs (L - 50, reference Lab) against the fixture's, in L* / ab units. */
    static final double INPUT_TOLERANCE = 1e-4;
    /** Max |ab| Java vs PyTorch per frame at test.py's temperature: issue #11's 1e-3. */
    static final double AB_TOLERANCE = 1e-3;
    /**
     * Max |ab| Java vs PyTorch per frame at T = 0.01: measured 1.3e-3 to 2.1e-3 (PyTorch float32 vs
     * float64: 1.2e-3 to 2.0e-3), the smooth softmax's sensitivity to the correlation's rounding.
     */
    static final double SMOOTH_TOLERANCE = 5e-3;

    static Path dir;
    static JsonObject fixture;
    static ExemplarModel model;
    static int frames;
    static int width;
    static int height;
    static int refWidth;
    static int refHeight;

    @BeforeAll
    static void export() throws Exception {
        dir = Fixtures.project().resolve("target/devc-export");
        if (!Files.isRegularFile(dir.resolve(NAME + "_ref.json")) || !exportedWeights().equals(WEIGHTS)) {
            Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, onnx, skimage, PIL").start();
            assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                    "/usr/bin/python3 with torch, onnx, scikit-image and Pillow is needed to export the random-init DEVC graphs");
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
                cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
            }
            cmd.addAll(List.of("/usr/bin/python3", "-W", "ignore", "models/export/export_devc.py", "--random-init", "--seed", "1",
                    "--out", dir.toString(), "--name", NAME, "--reference-out", dir.toString()));
            Process p = new ProcessBuilder(cmd).directory(Fixtures.project().toFile()).inheritIO().start();
            assertTrue(p.waitFor(20, TimeUnit.MINUTES), "exporter timed out");
            assertEquals(0, p.exitValue(), "models/export/export_devc.py failed");
        }
        fixture = JsonParser.parseString(Files.readString(dir.resolve(NAME + "_ref.json"))).getAsJsonObject();
        long[] f = shape("frames_gray");
        frames = (int) f[0];
        height = (int) f[1];
        width = (int) f[2];
        long[] r = shape("reference_rgb");
        refHeight = (int) r[0];
        refWidth = (int) r[1];
        model = ExemplarModel.open(dir.resolve(NAME + ".json"), DeviceChoice.CPU);
    }

    /** The weights named by an existing export's manifest, or "" when there is none. */
    static String exportedWeights() throws Exception {
        Path manifest = dir.resolve(NAME + ".json");
        if (!Files.isRegularFile(manifest)) {
            return "";
        }
        JsonObject weights = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject().getAsJsonObject("weights");
        return weights != null && weights.has("randomInit") ? weights.get("randomInit").getAsString() : "";
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    static long[] shape(String key) {
        com.google.gson.JsonArray a = fixture.getAsJsonObject("arrays").getAsJsonObject(key).getAsJsonArray("shape");
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    static ByteBuffer bytes(String key) throws Exception {
        return Fixtures.readLittleEndian(dir.resolve(fixture.getAsJsonObject("arrays").getAsJsonObject(key).get("file").getAsString()));
    }

    static float[] floats(String key) throws Exception {
        ByteBuffer b = bytes(key);
        float[] out = new float[b.capacity() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static int[] uint8(String key, int offset, int count) throws Exception {
        ByteBuffer b = bytes(key);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = b.get(offset + i) & 0xff;
        }
        return out;
    }

    /** Frame i as the plugin holds it: the L* plane of the 8-bit gray frame. */
    static float[] frameLStar(int i) throws Exception {
        return GrayLevels.lStar(uint8("frames_gray", i * width * height, width * height));
    }

    static int[] referenceRgb() throws Exception {
        int[] rgb = uint8("reference_rgb", 0, refWidth * refHeight * 3);
        int[] packed = new int[refWidth * refHeight];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = rgb[3 * i] << 16 | rgb[3 * i + 1] << 8 | rgb[3 * i + 2];
        }
        return packed;
    }

    static double maxAbsDiff(float[] a, int aOffset, float[] b, int bOffset, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(a[aOffset + i] - b[bOffset + i]));
        }
        return m;
    }

    @Test
    void centerPadAndLabMatchTheAuthorsPreprocessing() throws Exception {
        int pad = CenterPad.PAD_HEIGHT * CenterPad.PAD_WIDTH;
        CenterPad framePad = new CenterPad(width, height);
        int off = 0;
        for (int i = 0; i < frames; i++) {
            int[] java = framePad.apply(uint8("frames_gray", i * width * height, width * height));
            int[] rgb = uint8("frames_pad_rgb", i * pad * 3, pad * 3);
            for (int p = 0; p < pad; p++) {
                off += java[p] != rgb[3 * p] ? 1 : 0;
            }
        }
        CenterPad refPad = new CenterPad(refWidth, refHeight);
        int[] ref = uint8("reference_rgb", 0, refWidth * refHeight * 3);
        int[] refPadded = uint8("reference_pad_rgb", 0, pad * 3);
        int refOff = 0;
        for (int c = 0; c < 3; c++) {
            int[] channel = new int[refWidth * refHeight];
            for (int p = 0; p < channel.length; p++) {
                channel[p] = ref[3 * p + c];
            }
            int[] java = refPad.apply(channel);
            for (int p = 0; p < pad; p++) {
                refOff += java[p] != refPadded[3 * p + c] ? 1 : 0;
            }
        }
        float[] expectedL = floats("frame_L");
        int plane = ExemplarManifest.HEIGHT * ExemplarManifest.WIDTH;
        double dL = 0;
        for (int i = 0; i < frames; i++) {
            dL = Math.max(dL, maxAbsDiff(DevcLoop.networkL(framePad, frameLStar(i)), 0, expectedL, i * plane, plane));
        }
        float[] refLab = DevcLoop.referenceLab(referenceRgb(), refWidth, refHeight);
        double dRef = maxAbsDiff(refLab, 0, floats("ref_lab"), 0, 3 * plane);
        System.out.printf("DEVC preprocessing: CenterPad 8-bit values differing: frames %d of %d, reference %d of %d; "
                + "max |Java - PyTorch| L %.2e, reference Lab %.2e%n", off, frames * pad, refOff, 3 * pad, dL, dRef);
        assertEquals(0, off, "CenterPad of the frames differs");
        assertEquals(0, refOff, "CenterPad of the reference differs");
        assertTrue(dL <= INPUT_TOLERANCE && dRef <= INPUT_TOLERANCE, "graph inputs differ: L " + dL + ", reference Lab " + dRef);
    }

    /** Runs the Java loop over all frames; returns the per-frame max |ab| difference to the fixture's key. */
    private static double[] loop(float temperature, String key) throws Exception {
        float[] expected = floats(key);
        int n = 2 * ExemplarManifest.HEIGHT * ExemplarManifest.WIDTH;
        long t0 = System.nanoTime();
        DevcLoop colorizer = new DevcLoop(model, temperature, 1f);
        colorizer.restart(new RgbFrame(refWidth, refHeight, referenceRgb()));
        long t1 = System.nanoTime();
        double[] diff = new double[frames];
        for (int i = 0; i < frames; i++) {
            float[] lStar = frameLStar(i);
            int[] rgb = colorizer.next(lStar, width, height);
            assertEquals(width * height, rgb.length);
            diff[i] = maxAbsDiff(colorizer.lastStep().ab(), 0, expected, i * n, n);
        }
        long t2 = System.nanoTime();
        System.out.printf("DEVC loop T=%g: reference %.0f ms, %.0f ms per frame (%d frames, %dx%d -> 216x384 -> %dx%d); "
                + "max |ab Java - PyTorch| per frame %s%n", temperature, (t1 - t0) / 1e6, (t2 - t1) / 1e6 / frames, frames,
                width, height, width, height, java.util.Arrays.toString(java.util.Arrays.stream(diff)
                        .mapToObj(d -> String.format("%.2e", d)).toArray()));
        return diff;
    }

    static void assertEveryFrameWithin(double[] diff, double tolerance, String what) {
        assertTrue(diff.length >= 5, "the fixture has " + diff.length + " frames");
        for (int i = 0; i < diff.length; i++) {
            assertTrue(diff[i] <= tolerance, what + ", frame " + i + ": max |ab Java - PyTorch| " + diff[i] + " > " + tolerance
                    + " (per frame: " + java.util.Arrays.toString(diff) + ")");
        }
    }

    @Test
    void recurrentLoopMatchesPyTorchAtTestTemperature() throws Exception {
        assertEveryFrameWithin(loop(model.temperature(), "ab"), AB_TOLERANCE, "free-running loop, T = " + model.temperature());
    }

    @Test
    void recurrentLoopMatchesPyTorchAtTrainingTemperature() throws Exception {
        assertEveryFrameWithin(loop(0.01f, "ab_T0.01"), SMOOTH_TOLERANCE, "free-running loop, T = 0.01");
    }

    /**
     * ONNX Runtime vs PyTorch without the Java preprocessing: the fixture's own L and reference Lab.
     * teacherForced: prev_lab from the fixture's previous ab (one step's error); otherwise the Java
     * loop feeds back its own output (the error accumulated through the recurrence).
     */
    private static double[] graphsAlone(float temperature, String key, boolean teacherForced) throws Exception {
        int plane = ExemplarManifest.HEIGHT * ExemplarManifest.WIDTH;
        float[] l = floats("frame_L");
        float[] expected = floats(key);
        ExemplarModel.Reference ref = model.referenceFeatures(floats("ref_lab"));
        float[] prev = new float[3 * plane];
        double[] diff = new double[frames];
        for (int i = 0; i < frames; i++) {
            float[] li = java.util.Arrays.copyOfRange(l, i * plane, (i + 1) * plane);
            ExemplarModel.Step s = model.step(li, ref, prev, temperature);
            diff[i] = maxAbsDiff(s.ab(), 0, expected, i * 2 * plane, 2 * plane);
            prev = new float[3 * plane];
            System.arraycopy(li, 0, prev, 0, plane);
            System.arraycopy(teacherForced ? expected : s.ab(), teacherForced ? i * 2 * plane : 0, prev, plane, 2 * plane);
        }
        System.out.printf("DEVC graphs alone (fixture inputs, %s) T=%g: max |ab ORT - PyTorch| per frame %s%n",
                teacherForced ? "prev_lab from PyTorch" : "own prev_lab", temperature,
                java.util.Arrays.toString(java.util.Arrays.stream(diff).mapToObj(d -> String.format("%.2e", d)).toArray()));
        return diff;
    }

    @Test
    void graphsAloneOnTheFixturesInputs() throws Exception {
        assertEveryFrameWithin(graphsAlone(model.temperature(), "ab", true), AB_TOLERANCE, "one graph step, PyTorch's prev_lab");
        assertEveryFrameWithin(graphsAlone(0.01f, "ab_T0.01", true), SMOOTH_TOLERANCE, "one graph step, PyTorch's prev_lab, T = 0.01");
    }

    /**
     * The comparisons above assert something only if the output depends on what the loop passes around:
     * the frame (frame 0 vs frame 5 of the fixture), the previous output (frame 1 with prev_lab's ab set
     * to 0 instead of frame 0's output) and the reference (its ab negated).
     */
    @Test
    void theOutputDependsOnFrameReferenceAndPreviousOutput() throws Exception {
        int plane = ExemplarManifest.HEIGHT * ExemplarManifest.WIDTH;
        float[] ab = floats("ab");
        double frames05 = maxAbsDiff(ab, 0, ab, (frames - 1) * 2 * plane, 2 * plane);
        float[] l = floats("frame_L");
        float[] refLab = floats("ref_lab");
        float[] l1 = java.util.Arrays.copyOfRange(l, plane, 2 * plane);
        float[] prev = new float[3 * plane];
        System.arraycopy(l, 0, prev, 0, plane);
        System.arraycopy(ab, 0, prev, plane, 2 * plane);
        float t = model.temperature();
        ExemplarModel.Reference ref = model.referenceFeatures(refLab);
        float[] withPrev = model.step(l1, ref, prev, t).ab();
        float[] prevWithoutAb = java.util.Arrays.copyOf(l, 3 * plane);    // frame 0's L, ab 0
        double previous = maxAbsDiff(withPrev, 0, model.step(l1, ref, prevWithoutAb, t).ab(), 0, 2 * plane);
        float[] negated = refLab.clone();
        for (int i = plane; i < 3 * plane; i++) {
            negated[i] = -negated[i];
        }
        double reference = maxAbsDiff(withPrev, 0, model.step(l1, model.referenceFeatures(negated), prev, t).ab(), 0, 2 * plane);
        System.out.printf("DEVC dependence: max |ab| change frame 0 vs 5 %.1f, previous ab zeroed %.1f, reference ab negated %.1f%n",
                frames05, previous, reference);
        assertTrue(frames05 > 10, "frame 0 and frame 5 differ by " + frames05 + " ab only");
        assertTrue(previous > 10, "the previous output changes frame 1 by " + previous + " ab only");
        assertTrue(reference > 10, "the reference changes frame 1 by " + reference + " ab only");
    }

    @Test
    void aGraphThatDoesNotMatchItsManifestIsRefused(@TempDir Path tmp) throws Exception {
        // The manifest is valid on its own, but its reference entry names the frame graph's file.
        String json = Files.readString(dir.resolve(NAME + ".json")).replace("\"" + NAME + "_reference.onnx\"",
                "\"" + NAME + "_frame.onnx\"");
        Files.createSymbolicLink(tmp.resolve(NAME + "_frame.onnx"), dir.resolve(NAME + "_frame.onnx").toAbsolutePath());
        Path manifest = tmp.resolve(NAME + ".json");
        Files.writeString(manifest, json);
        ColorizeException e = assertThrows(ColorizeException.class, () -> ExemplarModel.open(manifest, DeviceChoice.CPU));
        System.out.println("DEVC mismatch: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("The reference graph " + NAME + "_frame.onnx of model '" + NAME + "' has inputs [L float32"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("re-export the model with " + ExemplarManifestValidator.EXPORTER + "."), e.getMessage());
    }
}
