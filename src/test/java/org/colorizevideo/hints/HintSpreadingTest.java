package org.colorizevideo.hints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.util.List;
import org.colorizevideo.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The hint spreading against OpenCV's domain transform (test-data/scripts/make_spreading_fixture.py:
 * cv2.ximgproc.dtFilter, recursive filter, 3 iterations), and what it must do on a frame: take a
 * region's hint up to its edge and not far across it.
 */
class HintSpreadingTest {

    private static float[] floats(JsonArray a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsFloat();
        }
        return v;
    }

    @Test
    void correctionEqualsOpenCvsDomainTransform() throws Exception {
        JsonObject f = JsonParser.parseString(Files.readString(Fixtures.testData("hints", "spreading.json"))).getAsJsonObject();
        int w = f.get("width").getAsInt(), h = f.get("height").getAsInt();
        for (var c : f.getAsJsonArray("cases")) {
            JsonObject cs = c.getAsJsonObject();
            HintSpreading s = new HintSpreading(f.get("sigmaSpace").getAsDouble(), f.get("sigmaRange").getAsDouble(),
                    cs.get("reach").getAsDouble());
            float[][] got = s.correction(floats(f.getAsJsonArray("l")), floats(f.getAsJsonArray("hintAb")),
                    floats(f.getAsJsonArray("mask")), floats(f.getAsJsonArray("netA")), floats(f.getAsJsonArray("netB")), w, h);
            float[] a = floats(cs.getAsJsonArray("a")), b = floats(cs.getAsJsonArray("b"));
            double worst = 0;
            for (int p = 0; p < w * h; p++) {
                worst = Math.max(worst, Math.max(Math.abs(got[0][p] - a[p]), Math.abs(got[1][p] - b[p])));
            }
            System.out.printf("hint spreading vs OpenCV dtFilter (reach %s): max |difference| %.2e a*b*%n", cs.get("reach"), worst);
            assertTrue(worst < 1e-3, "max difference " + worst + " a*b* at reach " + cs.get("reach"));
        }
    }

    @Test
    void aHintColoursItsRegionUpToTheEdge() {
        int w = 60, h = 40;
        float[] l = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                l[y * w + x] = x < 30 ? 35 : 75; // two regions, an edge at x = 30
            }
        }
        // one hint of (40, 10) on the left region, one of (0, -30) on the right, no network (a*b* = 0)
        List<ColourHint> hints = List.of(ColourHint.click(0, 10, 20, 40, 10, "left"),
                ColourHint.click(0, 50, 5, 0, -30, "right"));
        float[][] ab = HintSpreading.defaults().alone(l, w, h, hints, 3);
        float[] farLeft = {ab[0][35 * w + 2], ab[1][35 * w + 2]}, nearEdgeLeft = {ab[0][20 * w + 28], ab[1][20 * w + 28]};
        float[] nearEdgeRight = {ab[0][20 * w + 32], ab[1][20 * w + 32]};
        assertEquals(40, farLeft[0], 2, "the left region's far corner takes the left hint");
        assertEquals(10, farLeft[1], 2);
        assertEquals(40, nearEdgeLeft[0], 2, "up to the edge");
        // two pixels across the edge (40 L* units) the right hint's colour, with at most a tenth of the left's
        assertEquals(0, nearEdgeRight[0], 4, "and hardly across it");
        assertEquals(-30, nearEdgeRight[1], 4);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HintSpreading(0, 30, 0));
        assertThrows(IllegalArgumentException.class, () -> new HintSpreading(0.3, 30, -1));
    }
}
