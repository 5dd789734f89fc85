package org.colorizevideo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.colorizevideo.Fixtures;
import org.colorizevideo.color.Resampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official-checkpoint exporter (models/export) on randomly initialised copies of the real ECCV16
 * and SIGGRAPH17 architectures: its files pass the plugin's manifest validation, ONNX Runtime
 * reproduces PyTorch's output, and our decoding matches the original PyTorch forward within 1e-3 ab.
 * The exports (~250 MB) are made into target/ by the Python script when /usr/bin/python3 has torch.
 */
class OfficialExportTest {

    static Path dir;

    @BeforeAll
    static void export() throws Exception {
        dir = Fixtures.project().resolve("target/official-exports");
        if (Files.isRegularFile(dir.resolve("siggraph17_rand_ref.ab_hinted.bin"))) {
            return;
        }
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, onnx").start();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "/usr/bin/python3 with torch and onnx is needed to export the random-init models (apt-get install python3-torch python3-onnx)");
        Process p = new ProcessBuilder("/usr/bin/python3", "models/export/test_export_official.py", "--keep", dir.toString())
                .directory(Fixtures.project().toFile()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "exporter timed out");
        assertEquals(0, p.exitValue(), "models/export/test_export_official.py failed");
    }

    static float[] read(String file) throws Exception {
        ByteBuffer b = Fixtures.readLittleEndian(dir.resolve(file));
        float[] out = new float[b.capacity() / 4];
        b.asFloatBuffer().get(out);
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

    @Test
    void eccv16LogitsDecodeLikeTheOriginalForward() throws Exception {
        ModelFiles files = new ModelLocator(java.util.List.of()).locate(dir.resolve("eccv16_rand.onnx").toString());
        try (ColorizationModel model = ColorizationModel.open(files, DeviceChoice.CPU)) {
            assertEquals(313, model.manifest().output.bins.length);
            assertEquals(0.38, model.manifest().output.temperature, 1e-12);
            long[] shape = new long[4];
            float[] logits = model.run(read("eccv16_rand_ref.L.bin"), 1, 256, 256, shape);
            assertEquals(64, shape[2]);
            double logitDiff = maxAbsDiff(read("eccv16_rand_ref.logits.bin"), logits);

            int hw = 64 * 64;
            float[] a = new float[hw], b = new float[hw];
            new AbDecoder(model.manifest(), 0.38).decode(logits, 0, 313, hw, a, b);
            float[] annealed = new float[2 * hw];
            System.arraycopy(a, 0, annealed, 0, hw);
            System.arraycopy(b, 0, annealed, hw, hw);
            double annealedDiff = maxAbsDiff(read("eccv16_rand_ref.ab64_annealed.bin"), annealed);

            new AbDecoder(model.manifest(), 1.0).decode(logits, 0, 313, hw, a, b);
            Resampler up = new Resampler(64, 64, 256, 256);
            float[] full = new float[2 * 256 * 256];
            up.resample(a, 0, full, 0);
            up.resample(b, 0, full, 256 * 256);
            double originalDiff = maxAbsDiff(read("eccv16_rand_ref.ab_original.bin"), full);
            System.out.printf("ECCV16 random init: logits ORT vs PyTorch %.2e; annealed T=0.38 %.2e ab; "
                    + "T=1 + 4x bilinear vs original forward %.2e ab%n", logitDiff, annealedDiff, originalDiff);
            assertTrue(logitDiff < 1e-3, "logits differ by " + logitDiff);
            assertTrue(annealedDiff < 1e-3, "annealed mean differs by " + annealedDiff);
            assertTrue(originalDiff < 1e-3, "decoded ab differs from the original forward by " + originalDiff);
        }
    }

    @Test
    void siggraph17WithEmptyHintsMatchesTheOriginalForward() throws Exception {
        ModelFiles files = new ModelLocator(java.util.List.of()).locate(dir.resolve("siggraph17_rand.onnx").toString());
        try (ColorizationModel model = ColorizationModel.open(files, DeviceChoice.CPU)) {
            assertEquals(2, model.manifest().extraInputs.size());
            long[] shape = new long[4];
            float[] ab = model.run(read("siggraph17_rand_ref.L.bin"), 1, 256, 256, shape);
            double diff = maxAbsDiff(read("siggraph17_rand_ref.ab_original.bin"), ab);
            System.out.printf("SIGGRAPH17 random init: ab ORT vs original forward %.2e ab%n", diff);
            assertTrue(diff < 1e-3, "ab differs by " + diff);
        }
    }

    @Test
    void siggraph17WithHintsMatchesTheOriginalForward() throws Exception {
        ModelFiles files = new ModelLocator(java.util.List.of()).locate(dir.resolve("siggraph17_rand.onnx").toString());
        try (ColorizationModel model = ColorizationModel.open(files, DeviceChoice.CPU)) {
            assertTrue(model.manifest().takesHints(), "the SIGGRAPH17 export declares its hint inputs");
            long[] shape = new long[4];
            float[] ab = model.run(read("siggraph17_rand_ref.L.bin"), 1, 256, 256, shape,
                    read("siggraph17_rand_ref.hint_ab.bin"), read("siggraph17_rand_ref.hint_mask.bin"));
            double diff = maxAbsDiff(read("siggraph17_rand_ref.ab_hinted.bin"), ab);
            double moved = maxAbsDiff(read("siggraph17_rand_ref.ab_original.bin"), ab);
            System.out.printf("SIGGRAPH17 random init with hints: ab ORT vs original forward %.2e ab (hints moved ab by up to %.1f)%n",
                    diff, moved);
            assertTrue(diff < 1e-3, "ab differs by " + diff);
            assertTrue(moved > 1, "the hints must change the output");
        }
    }
}
