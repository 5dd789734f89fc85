package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.GraphSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Mask R-CNN exporter (models/export/export_maskrcnn.py) on a randomly initialised copy of
 * torchvision's maskrcnn_resnet50_fpn: the Java path (L* / 100 tiled to three channels, ONNX Runtime
 * through DJL) finds the same detections as torchvision's own forward on the same frame. The export
 * (~170 MB) is made into target/detector-export (log in export.log there) when /usr/bin/python3 has
 * torch and torchvision, and reused while it is newer than the script.
 */
class DetectorTest {

    static final String NAME = "maskrcnn_rand";
    static final String[] EXPORT_ARGS = {"--random-init", "--seed", "7", "--min-size", "256", "--max-size", "512",
        "--box-score-thresh", "0.5"};

    static Path dir;
    static JsonObject reference;
    static Detector detector;

    @BeforeAll
    static void export() throws Exception {
        dir = Fixtures.project().resolve("target/detector-export");
        Path script = Fixtures.project().resolve("models/export/export_maskrcnn.py");
        Path ref = dir.resolve(NAME + "_ref.json");
        boolean fresh = Files.isRegularFile(ref) && Files.isRegularFile(dir.resolve(NAME + ".onnx"))
                && Files.getLastModifiedTime(ref).compareTo(Files.getLastModifiedTime(script)) > 0;
        if (!fresh) {
            Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, torchvision, onnx").start();
            assumeTrue(probe.waitFor(120, TimeUnit.SECONDS) && probe.exitValue() == 0,
                    "/usr/bin/python3 with torch, torchvision and onnx is needed to export the random-init Mask R-CNN "
                            + "(apt-get install python3-torch python3-torchvision python3-onnx); skipping the detector test.");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
            cmd.addAll(List.of(EXPORT_ARGS));
            cmd.addAll(List.of("--out", dir.toString(), "--name", NAME, "--reference-out", dir.resolve(NAME + "_ref").toString()));
            Files.createDirectories(dir);
            Path log = dir.resolve("export.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(Fixtures.project().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            Process p = pb.start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "export_maskrcnn.py timed out; see " + log);
            assertEquals(0, p.exitValue(), "models/export/export_maskrcnn.py failed; see " + log);
            System.out.println("export_maskrcnn.py " + String.join(" ", EXPORT_ARGS) + ": "
                    + Files.readAllLines(log).stream().filter(x -> x.startsWith("wrote") || x.startsWith("reference"))
                            .toList());
        }
        reference = new Gson().fromJson(Files.readString(ref), JsonObject.class);
        detector = Detector.open(dir.resolve(NAME + ".onnx"), DeviceChoice.CPU);
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    static ByteBuffer array(String key) throws Exception {
        String file = reference.getAsJsonObject("arrays").getAsJsonObject(key).get("file").getAsString();
        return Fixtures.readLittleEndian(dir.resolve(file));
    }

    static float[] floats(String key) throws Exception {
        ByteBuffer b = array(key);
        float[] out = new float[b.capacity() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static long[] longs(String key) throws Exception {
        ByteBuffer b = array(key);
        long[] out = new long[b.capacity() / 8];
        b.asLongBuffer().get(out);
        return out;
    }

    @Test
    void javaPathFindsWhatTorchvisionFinds() throws Exception {
        // The comparison is only meaningful if no kept score is within reach of a tie or of the threshold.
        double gap = reference.get("minScoreGap").getAsDouble();
        double margin = reference.get("thresholdMargin").getAsDouble();
        assertTrue(gap > 1e-3 && margin > 1e-3, "the fixture's detections are too close to a tie (gap " + gap
                + ") or to the threshold (" + margin + "); export with another --seed or --box-score-thresh");

        int h = reference.getAsJsonObject("frame").get("height").getAsInt();
        int w = reference.getAsJsonObject("frame").get("width").getAsInt();
        float[] l = floats("L");
        long t0 = System.nanoTime();
        List<Detection> found = detector.detect(l, w, h);
        double ms = (System.nanoTime() - t0) / 1e6;

        float[] boxes = floats("boxes");
        long[] labels = longs("labels");
        float[] scores = floats("scores");
        assertTrue(scores.length >= 5, "the fixture should give several detections, not " + scores.length);
        assertTrue(new HashSet<>(java.util.Arrays.stream(labels).boxed().toList()).size() >= 2,
                "the fixture should give more than one label");
        assertEquals(scores.length, found.size(), "number of detections");
        double scoreDiff = 0;
        double boxDiff = 0;
        for (int i = 0; i < found.size(); i++) {
            Detection d = found.get(i);
            assertEquals(labels[i], d.label(), "label of detection " + i);
            assertEquals(detector.manifest().categories.get((int) labels[i]), d.name());
            scoreDiff = Math.max(scoreDiff, Math.abs(d.score() - scores[i]));
            float[] b = {d.x0(), d.y0(), d.x1(), d.y1()};
            for (int k = 0; k < 4; k++) {
                boxDiff = Math.max(boxDiff, Math.abs(b[k] - boxes[4 * i + k]));
            }
        }
        System.out.printf(Locale.ROOT, "Mask R-CNN random init, %dx%d frame: %d detections, labels %s; ONNX Runtime vs "
                + "torchvision: max |score diff| %.3e, max |box diff| %.3e px; detect() %.0f ms (first call)%n",
                w, h, found.size(), new java.util.TreeSet<>(java.util.Arrays.stream(labels).boxed().toList()),
                scoreDiff, boxDiff, ms);
        assertTrue(scoreDiff < 1e-4, "scores differ by " + scoreDiff);
        assertTrue(boxDiff < 1e-2, "boxes differ by " + boxDiff + " px");
    }

    @Test
    void otherFrameSizesGiveBoxesInsideTheFrame() throws Exception {
        // Portrait, odd size: the graph's H and W are dynamic and the boxes come back in frame pixels.
        int w = 181;
        int h = 263;
        float[] l = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean disc = (x - 90) * (x - 90) + (y - 120) * (y - 120) < 50 * 50;
                l[y * w + x] = disc ? 88f : 20f + 60f * x / w;
            }
        }
        List<Detection> found = detector.detect(l, w, h);
        for (Detection d : found) {
            assertTrue(d.x0() >= 0 && d.y0() >= 0 && d.x1() <= w && d.y1() <= h && d.x0() <= d.x1() && d.y0() <= d.y1(),
                    "box outside the frame: " + d);
            assertTrue(d.score() > 0.5f && d.score() <= 1f, "score below the graph's threshold: " + d);
        }
        assertThrows(IllegalArgumentException.class, () -> detector.detect(new float[10], w, h));
    }

    @Test
    void noDetectionsIsAnEmptyList() throws Exception {
        // On this export a flat mid-gray frame scores below the graph's threshold 0.5 everywhere (torchvision
        // returns no detections for it either): the graph's outputs are then [0, 4], [0] and [0].
        float[] l = new float[64 * 64];
        java.util.Arrays.fill(l, 50f);
        assertTrue(detector.detect(l, 64, 64).isEmpty());
    }

    @Test
    void manifestDescribesTheGraph() throws Exception {
        DetectorManifest m = detector.manifest();
        assertEquals(DetectorManifest.FORMAT, m.format);
        assertEquals(91, m.categories.size());
        assertEquals("__background__", m.categories.get(0));
        assertEquals("person", m.categories.get(1));
        assertEquals("toothbrush", m.categories.get(90));
        assertEquals(256, m.resize.minSize);
        assertEquals(512, m.resize.maxSize);
        assertEquals(0.5, m.postprocess.boxScoreThresh, 0);

        GraphSignature g = GraphSignature.read(dir.resolve(NAME + ".onnx"));
        Path json = dir.resolve(NAME + ".json");
        DetectorManifest wrong = DetectorManifest.read(json);
        wrong.input.name = "images";
        ColorizeException e = assertThrows(ColorizeException.class, () -> wrong.validate(json, g));
        assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("'images'")
                && e.getMessage().contains("[image]"), e.getMessage());
        assertFalse(e.getMessage().contains("labels"), e.getMessage());
    }
}
