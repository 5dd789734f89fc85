package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.colorizevideo.Fixtures;
import org.colorizevideo.color.Lab;
import org.colorizevideo.model.DeviceChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * InstColorization end to end: models/export/export_instcolor.py exports randomly initialised copies of
 * the authors' three networks (--random-init --seed 1) into target/instcolor-export with a PyTorch
 * reference of the authors' whole test-time forward (PIL preprocessing, G on the crops, GF with
 * box_info, GComp without boxes) on a synthetic 320x240 frame; Java (preprocessing, geometry, ONNX
 * Runtime) must reproduce its ab within 1e-3 ab units with four boxes, with one and with none. Needs
 * /usr/bin/python3 with torch, torchvision and onnx (skipped otherwise); the export takes ~2 minutes.
 */
class InstanceFusionTest {

    static final double TOLERANCE = 1e-3;
    static Path dir;
    static JsonObject reference;
    static InstanceColorizationModel model;
    static float[] lStar;
    static int width;
    static int height;

    @BeforeAll
    static void export() throws Exception {
        dir = Fixtures.project().resolve("target/instcolor-export");
        if (!Files.isRegularFile(dir.resolve("instcolor_rand_ref.json"))) {
            Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, torchvision, onnx, PIL").start();
            assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                    "/usr/bin/python3 with torch, torchvision, onnx and Pillow is needed to export the random-init InstColorization graphs");
            Process p = new ProcessBuilder("/usr/bin/python3", "models/export/export_instcolor.py", "--random-init", "--seed", "1",
                    "--out", dir.toString(), "--name", "instcolor_rand", "--reference-out", dir.toString())
                    .directory(Fixtures.project().toFile()).inheritIO().start();
            assertTrue(p.waitFor(15, TimeUnit.MINUTES), "exporter timed out");
            assertEquals(0, p.exitValue(), "models/export/export_instcolor.py failed");
        }
        reference = JsonParser.parseString(Files.readString(dir.resolve("instcolor_rand_ref.json"))).getAsJsonObject();
        width = reference.getAsJsonObject("frame").get("width").getAsInt();
        height = reference.getAsJsonObject("frame").get("height").getAsInt();
        byte[] gray = Files.readAllBytes(dir.resolve("instcolor_rand_ref.gray.bin"));
        assertEquals(width * height, gray.length);
        lStar = new float[gray.length];
        double[] lab = new double[3];
        for (int i = 0; i < gray.length; i++) {       // the frame as the plugin holds it: L* of 8-bit gray
            double v = (gray[i] & 0xff) / 255.0;
            Lab.rgbToLab(v, v, v, lab);
            lStar[i] = (float) lab[0];
        }
        model = InstanceColorizationModel.open(dir.resolve("instcolor_rand.json"), DeviceChoice.CPU);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    static float[] read(String key) throws Exception {
        String file = reference.getAsJsonObject("arrays").getAsJsonObject(key).get("file").getAsString();
        ByteBuffer b = Fixtures.readLittleEndian(dir.resolve(file));
        float[] out = new float[b.capacity() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static List<InstanceBox> boxes(String key) {
        List<InstanceBox> out = new ArrayList<>();
        for (JsonElement e : reference.getAsJsonObject("boxes").getAsJsonArray(key)) {
            JsonArray a = e.getAsJsonArray();
            out.add(new InstanceBox(a.get(0).getAsInt(), a.get(1).getAsInt(), a.get(2).getAsInt(), a.get(3).getAsInt(), 1f));
        }
        return out;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double check(String key, List<InstanceBox> boxes) throws Exception {
        float[] expected = read("ab_" + key);
        long t0 = System.nanoTime();
        float[] ab = model.colorize(lStar, width, height, boxes);
        double ms = (System.nanoTime() - t0) / 1e6;
        double diff = maxAbsDiff(expected, ab);
        double range = 0;
        for (float v : expected) {
            range = Math.max(range, Math.abs(v));
        }
        System.out.printf("InstColorization random init, %d boxes: max |Java/ORT - PyTorch reference| = %.3e ab "
                + "(reference max |ab| %.1f), %.0f ms%n", boxes.size(), diff, range, ms);
        assertTrue(diff < TOLERANCE, key + ": ab differs from the reference by " + diff);
        return diff;
    }

    @Test
    void fourBoxesMatchTheAuthorsForward() throws Exception {
        List<InstanceBox> b = boxes("boxes4");
        assertEquals(4, b.size());
        check("boxes4", b);
    }

    @Test
    void oneBoxAtTheBorderMatchesTheAuthorsForward() throws Exception {
        check("boxes1", boxes("boxes1"));
    }

    @Test
    void noBoxesIsTheFullImageNetwork() throws Exception {
        check("boxes0", List.of());
    }

    @Test
    void theInstancesChangeTheResult() throws Exception {
        // Guards against a random init in which the fusion has no effect (the test would then prove little).
        double d = maxAbsDiff(read("ab_boxes4"), read("ab_boxes0"));
        assertTrue(d > 1.0, "with and without boxes differ by only " + d + " ab");
    }

    @Test
    void preprocessingMatchesPilAndRgb2lab() throws Exception {
        int size = 256;
        int[] gray = GrayLevels.levels(lStar);
        float[] full = GrayLevels.lStar(PilBilinear.resize(gray, width, 0, 0, width, height, size, size));
        double dFull = maxAbsDiff(read("full_L"), full);
        List<InstanceBox> b = boxes("boxes4");
        float[] crops = new float[b.size() * size * size];
        for (int i = 0; i < b.size(); i++) {
            InstanceBox x = b.get(i);
            float[] c = GrayLevels.lStar(PilBilinear.resize(gray, width, x.x0(), x.y0(), x.width(), x.height(), size, size));
            System.arraycopy(c, 0, crops, i * size * size, c.length);
        }
        double dCrops = maxAbsDiff(read("crops_L"), crops);
        System.out.printf("InstColorization preprocessing: max |L* Java - PyTorch| frame %.2e, crops %.2e%n", dFull, dCrops);
        assertTrue(dFull < 1e-3 && dCrops < 1e-3, "L* differs: frame " + dFull + ", crops " + dCrops);
    }
}
