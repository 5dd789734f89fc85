package org.colorizevideo.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PsnrTest {

    @Test
    void matchesScikitImage() {
        List<Map<String, Object>> pairs = Fixtures.list(Fixtures.reference(), "pairs");
        assertFalse(pairs.isEmpty());
        double maxDev = 0;
        for (Map<String, Object> p : pairs) {
            RgbFrame a = Fixtures.load((String) p.get("a"));
            RgbFrame b = Fixtures.load((String) p.get("b"));
            double expected = Fixtures.num(p, "psnr");
            double actual = Psnr.compute(a, b);
            assertEquals(expected, actual, 1e-3, (String) p.get("name"));
            maxDev = Math.max(maxDev, Math.abs(expected - actual));
        }
        System.out.printf("PSNR: %d pairs, max |dev| vs scikit-image = %.2e dB%n", pairs.size(), maxDev);
    }

    @Test
    void identicalFramesGiveInfinity() {
        int[] px = {0x102030, 0xffffff, 0x000000, 0x7f8081};
        assertEquals(Double.POSITIVE_INFINITY, Psnr.compute(px, px.clone(), 2, 2));
    }

    @Test
    void smallHandComputedCase() {
        // One channel of one pixel off by 3: MSE = 9 / (3 * 2) = 1.5.
        int[] a = {0x000000, 0x0a0b0c};
        int[] b = {0x000003, 0x0a0b0c};
        assertEquals(1.5, Psnr.mse(a, b), 0);
        assertEquals(10 * Math.log10(255.0 * 255.0 / 1.5), Psnr.compute(a, b, 2, 1), 1e-12);
    }

    @Test
    void ignoresAlphaByte() {
        int[] a = {0xff102030};
        int[] b = {0x00102030};
        assertEquals(0.0, Psnr.mse(a, b), 0);
    }

    @Test
    void rejectsMismatchedSizes() {
        assertThrows(IllegalArgumentException.class,
            () -> Psnr.compute(new RgbFrame(2, 1, new int[2]), new RgbFrame(1, 2, new int[2])));
    }
}
