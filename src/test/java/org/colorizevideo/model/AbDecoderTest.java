package org.colorizevideo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The float annealed mean against the same formula in double with Math.exp; the chroma gain. */
class AbDecoderTest {

    @Test
    void exp2IsFloatAccurate() {
        double worst = 0;
        for (int i = 0; i <= 300_000; i++) {
            float y = -30f + 30f * i / 300_000f;
            double exact = Math.pow(2, y);
            worst = Math.max(worst, Math.abs(AbDecoder.exp2(y) - exact) / exact);
        }
        assertTrue(worst < 3e-7, "relative error " + worst);
    }

    @Test
    void annealedMeanMatchesDoubleReference() {
        int bins = 313, hw = 1500;
        float[][] grid = new float[bins][2];
        for (int q = 0; q < bins; q++) {
            grid[q][0] = -110 + 10 * (q % 23);
            grid[q][1] = -110 + 10 * (q / 23);
        }
        ModelManifest manifest = new ModelManifest();
        manifest.output = new ModelManifest.Output();
        manifest.output.kind = "logits";
        manifest.output.bins = grid;
        Random random = new Random(3);
        float[] logits = new float[bins * hw];
        for (int p = 0; p < hw; p++) {
            // peaked (a confident pixel), flat (gray) or anything between, as trained networks give
            double spread = p % 3 == 0 ? 8 : p % 3 == 1 ? 0.3 : 3;
            for (int q = 0; q < bins; q++) {
                logits[q * hw + p] = (float) (random.nextGaussian() * spread);
            }
        }
        for (double t : new double[] {0.38, 1.0, 0.05}) {
            float[] a = new float[hw], b = new float[hw];
            new AbDecoder(manifest, t).decode(logits, 0, bins, hw, a, b);
            double worst = 0;
            for (int p = 0; p < hw; p++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < bins; q++) {
                    max = Math.max(max, logits[q * hw + p]);
                }
                double sum = 0, sa = 0, sb = 0;
                for (int q = 0; q < bins; q++) {
                    double e = Math.exp((logits[q * hw + p] - max) / t);
                    sum += e;
                    sa += e * grid[q][0];
                    sb += e * grid[q][1];
                }
                worst = Math.max(worst, Math.max(Math.abs(a[p] - sa / sum), Math.abs(b[p] - sb / sum)));
            }
            assertTrue(worst < 1e-3, "T=" + t + ": annealed mean off by " + worst + " ab");
        }
    }

    @Test
    void chromaGainSpreadsColoursFromTheFrameMean() {
        ModelManifest manifest = new ModelManifest();
        manifest.output = new ModelManifest.Output();
        manifest.output.kind = "ab";
        int hw = 6;
        // an ab regression output: a = 10, 20, ..., 60; b = -5 everywhere but one pixel
        float[] tensor = {10, 20, 30, 40, 50, 60, -5, -5, -5, -5, -5, 25};
        float[] a = new float[hw], b = new float[hw];
        new AbDecoder(manifest, 1).decode(tensor, 0, 2, hw, a, b);
        assertEquals(10f, a[0]);
        assertEquals(25f, b[5]);
        manifest.output.chromaGain = 2;
        new AbDecoder(manifest, 1).decode(tensor, 0, 2, hw, a, b);
        // mean a 35: 35 + 2 (10 - 35) = -15 ... 35 + 2 (60 - 35) = 85; mean b 0: -10 and 50
        float[] wantA = {-15, 5, 25, 45, 65, 85};
        for (int p = 0; p < hw; p++) {
            assertEquals(wantA[p], a[p], 1e-5f);
            assertEquals(p == 5 ? 50f : -10f, b[p], 1e-5f);
        }
    }
}
