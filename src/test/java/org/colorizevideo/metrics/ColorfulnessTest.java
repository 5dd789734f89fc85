package org.colorizevideo.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ColorfulnessTest {

    @Test
    void matchesNumpyReference() {
        List<Map<String, Object>> pairs = Fixtures.list(Fixtures.reference(), "pairs");
        double maxRel = 0;
        int count = 0;
        for (Map<String, Object> p : pairs) {
            for (String side : new String[] {"a", "b"}) {
                double expected = Fixtures.num(p, "colorfulness_" + side);
                double actual = Colorfulness.compute(Fixtures.load((String) p.get(side)));
                assertEquals(expected, actual, 1e-6 * Math.abs(expected), p.get("name") + " " + side);
                maxRel = Math.max(maxRel, Math.abs(actual - expected) / Math.abs(expected));
                count++;
            }
        }
        System.out.printf("Colorfulness: %d images, max relative dev vs NumPy = %.3g%n", count, maxRel);
    }

    @Test
    void greyFrameIsZero() {
        Map<String, Object> gray = Fixtures.list(Fixtures.reference(), "colorfulness_extra").get(0);
        assertEquals(0.0, Fixtures.num(gray, "value"), 0);
        int[] px = new int[120];
        java.util.Arrays.fill(px, 0x808080);
        assertEquals(0.0, Colorfulness.compute(px), 0);
    }

    @Test
    void twoPixelHandComputedCase() {
        // Pure red and pure blue: rg = {255, 0}, yb = {127.5, -255}.
        double meanRg = 127.5;
        double meanYb = -63.75;
        double stdRg = 127.5;
        double stdYb = 191.25;
        double expected = Math.sqrt(stdRg * stdRg + stdYb * stdYb)
            + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
        assertEquals(expected, Colorfulness.compute(new int[] {0xff0000, 0x0000ff}), 1e-12);
    }
}
