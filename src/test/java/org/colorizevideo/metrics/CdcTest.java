package org.colorizevideo.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CdcTest {

    private static final double TOL = 1e-6;

    @Test
    void matchesNumpyReference() {
        List<Map<String, Object>> clips = Fixtures.list(Fixtures.reference(), "clips");
        assertFalse(clips.isEmpty());
        double maxDev = 0;
        double maxTcvcDev = 0;
        for (Map<String, Object> clip : clips) {
            String name = (String) clip.get("name");
            List<RgbFrame> frames = new ArrayList<>();
            for (Object f : (List<?>) clip.get("frames")) {
                frames.add(Fixtures.load((String) f));
            }
            Cdc.Result r = Cdc.computeFrames(frames);

            double expected = Fixtures.num(clip, "cdc");
            assertEquals(expected, r.value(), TOL, name);
            maxDev = Math.max(maxDev, Math.abs(expected - r.value()));
            maxTcvcDev = Math.max(maxTcvcDev,
                Math.abs(Fixtures.num(clip, "cdc_tcvc_style_float32") - r.value()));

            double[] perDilation = Fixtures.nums(clip.get("cdc_per_dilation"));
            assertArrayEquals(perDilation, r.perDilation(), TOL, name);
            double[] contributions = Fixtures.nums(clip.get("frame_contributions"));
            assertArrayEquals(contributions, r.frameContributions(), TOL, name);
            @SuppressWarnings("unchecked")
            Map<String, Object> pairJs = (Map<String, Object>) clip.get("pair_js");
            for (int k = 0; k < Cdc.DILATIONS.length; k++) {
                double[] expectedPairs = Fixtures.nums(pairJs.get(String.valueOf(Cdc.DILATIONS[k])));
                assertArrayEquals(expectedPairs, r.pairDivergences()[k], TOL, name + " d=" + Cdc.DILATIONS[k]);
                for (int i = 0; i < expectedPairs.length; i++) {
                    maxDev = Math.max(maxDev, Math.abs(expectedPairs[i] - r.pairDivergences()[k][i]));
                }
            }
        }
        System.out.printf("CDC: %d clips, max |dev| vs NumPy = %.3g (vs TCVC-style float32: %.3g)%n",
            clips.size(), maxDev, maxTcvcDev);
    }

    @Test
    void contributionsSumToValue() {
        List<int[]> frames = new ArrayList<>();
        for (int t = 0; t < 7; t++) {
            int[] px = new int[64];
            for (int i = 0; i < px.length; i++) {
                px[i] = ((i * 3 + t * 11) & 0xff) << 16 | ((i + t) & 0xff) << 8 | (t * 30 & 0xff);
            }
            frames.add(px);
        }
        Cdc.Result r = Cdc.compute(frames);
        double sum = 0;
        for (double c : r.frameContributions()) {
            sum += c;
        }
        assertEquals(r.value(), sum, 1e-15);
        assertEquals(0.0, r.frameContributions()[6], 0); // no pair starts at the last frame
    }

    @Test
    void jensenShannonBounds() {
        double[] p = new double[256];
        double[] q = new double[256];
        p[0] = 1;
        q[255] = 1;
        assertEquals(Math.log(2), Cdc.jensenShannon(p, q), 1e-15); // disjoint support: ln 2
        assertEquals(0.0, Cdc.jensenShannon(p, p), 0);
    }

    @Test
    void staticClipIsZero() {
        int[] px = {0x123456, 0xabcdef, 0x000000, 0xffffff};
        Cdc.Result r = Cdc.compute(List.of(px, px, px, px, px));
        assertEquals(0.0, r.value(), 0);
    }

    @Test
    void shortClipGivesNaNButKeepsAvailableDilations() {
        int[] a = {0x000000};
        int[] b = {0xffffff};
        Cdc.Result r = Cdc.compute(List.of(a, b, a));
        assertTrue(Double.isNaN(r.value()));
        assertEquals(Math.log(2), r.perDilation()[0], 1e-15); // d=1: both pairs disjoint
        assertEquals(0.0, r.perDilation()[1], 0);             // d=2: a vs a
        assertTrue(Double.isNaN(r.perDilation()[2]));         // d=4: no pair
        assertEquals(0, r.pairDivergences()[2].length);
        assertThrows(IllegalArgumentException.class, () -> Cdc.compute(List.of()));
    }
}
