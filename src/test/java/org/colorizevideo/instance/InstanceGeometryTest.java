package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.color.Lab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The geometry of InstColorization against PyTorch / Pillow values committed in test-data/instance
 * (made by test-data/scripts/make_instance_fixtures.py): get_box_info, F.interpolate + F.pad, PIL's
 * bilinear resize; plus the gray-level round trip, the instance cap and manifest validation. Needs no
 * Python at test time.
 */
class InstanceGeometryTest {

    private static JsonObject json(String file) throws Exception {
        return JsonParser.parseString(Files.readString(Fixtures.testData("instance", file))).getAsJsonObject();
    }

    private static int[] ints(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    @Test
    void boxInfoMatchesTheAuthorsGetBoxInfo() throws Exception {
        int n = 0;
        int widened = 0;
        for (JsonElement c : json("box_info.json").getAsJsonArray("cases")) {
            JsonObject o = c.getAsJsonObject();
            int[] frame = ints(o.get("frame"));
            int[] b = ints(o.get("box"));
            InstanceBox box = new InstanceBox(b[0], b[1], b[2], b[3], 1f);
            for (int r : BoxGeometry.LEVELS) {
                int[] expected = ints(o.getAsJsonObject("info").get(Integer.toString(r)));
                assertArrayEquals(expected, BoxGeometry.boxInfo(box, frame[0], frame[1], r).toArray(),
                        "box " + box + " in " + frame[0] + "x" + frame[1] + " at " + r);
                if (expected[0] + expected[1] + expected[4] == r && (int) ((double) b[2] / frame[0] * r) == (int) ((double) b[0] / frame[0] * r)) {
                    widened++;
                }
                n++;
            }
        }
        assertTrue(n >= 300, "only " + n + " box_info rows");
        assertTrue(widened > 10, "the zero-width rule was exercised only " + widened + " times");
    }

    @Test
    void pasteMatchesInterpolateAndPad() throws Exception {
        JsonObject spec = json("paste.json");
        ByteBuffer bin = Fixtures.readLittleEndian(Fixtures.testData("instance", "paste.bin"));
        float[] all = new float[bin.capacity() / 4];
        bin.asFloatBuffer().get(all);
        int c = spec.get("channels").getAsInt();
        int s = spec.get("source").getAsInt();
        float[] src = java.util.Arrays.copyOf(all, c * s * s);
        double worst = 0;
        for (JsonElement e : spec.getAsJsonArray("cases")) {
            JsonObject o = e.getAsJsonObject();
            int r = o.get("size").getAsInt();
            int[] i = ints(o.get("info"));
            BoxGeometry.BoxInfo info = new BoxGeometry.BoxInfo(i[0], i[1], i[2], i[3], i[4], i[5]);
            float[] got = FeaturePaste.paste(src, c, s, info, r);
            int off = o.get("offset").getAsInt();
            for (int k = 0; k < got.length; k++) {
                worst = Math.max(worst, Math.abs(got[k] - all[off + k]));
                if (all[off + k] == 0f) {
                    assertEquals(0f, got[k], "padding must stay exactly 0 (case " + java.util.Arrays.toString(i) + ")");
                }
            }
        }
        System.out.printf("FeaturePaste vs F.interpolate + F.pad: max |diff| %.3e%n", worst);
        assertTrue(worst < 1e-6, "paste differs by " + worst);
    }

    @Test
    void pasteCoefficientsForTheGraphAreZeroOutsideTheBox() {
        BoxGeometry.BoxInfo info = new BoxGeometry.BoxInfo(3, 2, 1, 4, 27, 27);
        long[] idx = new long[4 * 32];
        float[] w = new float[4 * 32];
        FeaturePaste.fill(info, 32, idx, w, 0);
        for (int x = 0; x < 32; x++) {
            boolean inX = x >= 3 && x < 30;
            boolean inY = x >= 1 && x < 28;
            assertEquals(inX, w[x] + w[32 + x] > 0, "x " + x);
            assertEquals(inY, w[64 + x] + w[96 + x] > 0, "y " + x);
            assertTrue(idx[x] >= 0 && idx[32 + x] < 32 && idx[64 + x] >= 0 && idx[96 + x] < 32);
        }
    }

    @Test
    void pilBilinearMatchesPillow() throws Exception {
        JsonObject spec = json("pil.json");
        byte[] expected = Files.readAllBytes(Fixtures.testData("instance", "pil.bin"));
        int[] size = ints(spec.get("image"));
        int w = size[0];
        int h = size[1];
        int[] img = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img[y * w + x] = (x * 7 + y * 13 + ((x * y) % 29) * 3) % 256;
            }
        }
        int cases = 0;
        for (JsonElement e : spec.getAsJsonArray("cases")) {
            JsonObject o = e.getAsJsonObject();
            int[] b = ints(o.get("box"));
            int[] out = ints(o.get("size"));
            int[] got = PilBilinear.resize(img, w, b[0], b[1], b[2] - b[0], b[3] - b[1], out[0], out[1]);
            int off = o.get("offset").getAsInt();
            int mismatches = 0;
            for (int k = 0; k < got.length; k++) {
                mismatches += got[k] == (expected[off + k] & 0xff) ? 0 : 1;
            }
            assertEquals(0, mismatches, "pixels differing from Pillow " + spec.get("pillow") + " for crop "
                    + java.util.Arrays.toString(b) + " -> " + out[0] + "x" + out[1]);
            cases++;
        }
        assertEquals(6, cases);
    }

    @Test
    void grayLevelsSurviveTheLStarRoundTrip() {
        double[] lab = new double[3];
        for (int v = 0; v < 256; v++) {
            Lab.rgbToLab(v / 255.0, v / 255.0, v / 255.0, lab);
            assertEquals(v, GrayLevels.level((float) lab[0]));
        }
        assertEquals(0, GrayLevels.level(-3f));
        assertEquals(255, GrayLevels.level(101f));
    }

    @Test
    void atMostMaxInstancesWithTheHighestScores() {
        List<InstanceBox> boxes = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boxes.add(new InstanceBox(i, i, i + 5, i + 5, (i * 7) % 10 / 10f));
        }
        List<InstanceBox> used = InstanceColorizationModel.strongest(boxes, 8);
        assertEquals(8, used.size());
        assertTrue(used.stream().noneMatch(b -> b.score() < 0.2f), used.toString());
        assertEquals(boxes.subList(0, 3), InstanceColorizationModel.strongest(boxes.subList(0, 3), 8));
    }

    @Test
    void boxesOutsideTheFrameAreRejected() {
        ColorizeException e = assertThrows(ColorizeException.class, () -> new InstanceBox(300, 10, 330, 20, 1f).checkInside(320, 240));
        assertTrue(e.getMessage().contains("clip detector boxes"), e.getMessage());
        assertThrows(ColorizeException.class, () -> new InstanceBox(10, 10, 10, 20, 1f).checkInside(320, 240));
        assertEquals(new InstanceBox(12, 3, 99, 7, 0.5f), InstanceBox.fromDetection(12.9f, 3.2f, 99.99f, 7.5f, 0.5f));
    }

    @Test
    void manifestProblemsAreListedTogether(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, """
                {"format": "colorize-video-model/1", "name": "broken", "size": 224, "maxInstances": 8,
                 "levels": [256, 128, 64, 32], "resize": "bicubic",
                 "full": {"file": "broken_full.onnx", "inputs": [{"name": "L", "type": "float32", "shape": [-1, 1, 224, 224]}],
                          "output": {"name": "ab", "shape": [-1, 2, 224, 224]}},
                 "fusion": {"file": "broken_fusion.onnx", "inputs": [{"name": "L", "type": "float32", "shape": [1, 1, 224, 224]}],
                            "output": {"name": "ab", "shape": [1, 2, 224, 224]}}}
                """);
        InstanceManifest m = InstanceColorizationModel.readManifest(file);
        List<String> problems = InstanceManifestValidator.checkManifest("broken", m, dir);
        String all = String.join("\n", problems);
        assertTrue(all.contains("format 'colorize-video-model/1'"), all);
        assertTrue(all.contains("size 224"), all);
        assertTrue(all.contains("resize 'bicubic'"), all);
        assertTrue(all.contains("broken_full.onnx") && all.contains("does not exist"), all);
        assertTrue(all.contains("this plugin feeds [L, crops, idx256, w256"), all);
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> InstanceColorizationModel.open(file, org.colorizevideo.model.DeviceChoice.CPU));
        assertTrue(e.getMessage().contains("re-export the model with models/export/export_instcolor.py"), e.getMessage());
    }
}
