package org.colorizevideo.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SsimTest {

    @Test
    void matchesScikitImage() {
        List<Map<String, Object>> pairs = Fixtures.list(Fixtures.reference(), "pairs");
        assertFalse(pairs.isEmpty());
        double maxDev = 0;
        double maxChannelDev = 0;
        for (Map<String, Object> p : pairs) {
            String name = (String) p.get("name");
            RgbFrame a = Fixtures.load((String) p.get("a"));
            RgbFrame b = Fixtures.load((String) p.get("b"));
            double expected = Fixtures.num(p, "ssim");
            double actual = Ssim.compute(a, b);
            assertEquals(expected, actual, 1e-4, name);
            maxDev = Math.max(maxDev, Math.abs(expected - actual));

            double[] expectedCh = Fixtures.nums(p.get("ssim_per_channel"));
            double[] actualCh = Ssim.perChannel(a, b);
            assertArrayEquals(expectedCh, actualCh, 1e-4, name);
            for (int c = 0; c < 3; c++) {
                maxChannelDev = Math.max(maxChannelDev, Math.abs(expectedCh[c] - actualCh[c]));
            }
        }
        System.out.printf("SSIM: %d pairs, max |dev| vs scikit-image = %.3g (per channel %.3g)%n",
            pairs.size(), maxDev, maxChannelDev);
    }

    /** The full map's border depends on the 'reflect' extension; its mean checks that too. */
    @Test
    void fullMapMatchesScikitImageIncludingBorder() {
        double maxDev = 0;
        for (Map<String, Object> p : Fixtures.list(Fixtures.reference(), "pairs")) {
            String name = (String) p.get("name");
            RgbFrame a = Fixtures.load((String) p.get("a"));
            RgbFrame b = Fixtures.load((String) p.get("b"));
            double[] expected = Fixtures.nums(p.get("ssim_full_map_mean_per_channel"));
            double[][] maps = Ssim.map(a, b);
            double[] cropped = Ssim.perChannel(a, b);
            for (int c = 0; c < 3; c++) {
                double mean = 0;
                for (double v : maps[c]) {
                    mean += v;
                }
                mean /= maps[c].length;
                assertEquals(expected[c], mean, 1e-4, name + " channel " + c);
                maxDev = Math.max(maxDev, Math.abs(expected[c] - mean));
                assertEquals(cropped[c], croppedMean(maps[c], a.width(), a.height()), 1e-12, name);
            }
        }
        System.out.printf("SSIM full map: max |dev| of per-channel map mean vs scikit-image = %.3g%n",
            maxDev);
    }

    private static double croppedMean(double[] map, int w, int h) {
        int pad = (Ssim.WINDOW_SIZE - 1) / 2;
        double sum = 0;
        for (int y = pad; y < h - pad; y++) {
            for (int x = pad; x < w - pad; x++) {
                sum += map[y * w + x];
            }
        }
        return sum / ((w - 2 * pad) * (h - 2 * pad));
    }

    @Test
    void windowIs11() {
        assertEquals(11, Ssim.WINDOW_SIZE);
        assertEquals(11, GaussianFilter.kernel(1.5, 3.5).length);
    }

    @Test
    void gaussianFilterMatchesScipyReflect() {
        double maxDev = 0;
        for (Map<String, Object> g : Fixtures.list(Fixtures.reference(), "gaussian")) {
            int w = (int) Fixtures.num(g, "width");
            int h = (int) Fixtures.num(g, "height");
            double[] data = Fixtures.nums(g.get("input"));
            double[] expected = Fixtures.nums(g.get("output"));
            new GaussianFilter(1.5, 3.5).apply(data, w, h, new double[w * h]);
            assertArrayEquals(expected, data, 1e-9, w + "x" + h);
            for (int i = 0; i < data.length; i++) {
                maxDev = Math.max(maxDev, Math.abs(expected[i] - data[i]));
            }
        }
        System.out.printf("Gaussian filter: max |dev| vs scipy.ndimage = %.3g%n", maxDev);
    }

    @Test
    void reflectIsHalfSampleSymmetric() {
        // n = 4, 'dcba|abcd|dcba' then repeats with period 8.
        int[] expected = {1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1};
        for (int i = -2; i < 10; i++) {
            assertEquals(expected[i + 2], GaussianFilter.reflect(i, 4), "i=" + i);
        }
        assertEquals(0, GaussianFilter.reflect(-7, 1));
        assertEquals(0, GaussianFilter.reflect(5, 1));
    }

    @Test
    void identicalFramesScoreOne() {
        RgbFrame f = randomFrame(23, 17, 1);
        assertEquals(1.0, Ssim.compute(f, f), 1e-15);
    }

    @Test
    void rejectsFramesSmallerThanWindow() {
        RgbFrame f = new RgbFrame(10, 20, new int[200]);
        assertThrows(IllegalArgumentException.class, () -> Ssim.compute(f, f));
    }

    /**
     * Prints the time of one SSIM on an 854x480 frame (wall clock and this thread's CPU time, which
     * is steadier on a busy machine); no assertion on speed.
     */
    @Test
    void timing854x480() {
        RgbFrame a = randomFrame(854, 480, 7);
        RgbFrame b = randomFrame(854, 480, 8);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int i = 0; i < 10; i++) { // warm-up for the JIT
            sink += Ssim.compute(a, b);
        }
        int runs = 20;
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        long totalWall = 0;
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sink += Ssim.compute(a, b);
            long wall = System.nanoTime() - t0;
            long cpu = mx.getCurrentThreadCpuTime() - c0;
            bestWall = Math.min(bestWall, wall);
            bestCpu = Math.min(bestCpu, cpu);
            totalWall += wall;
        }
        System.out.printf("SSIM 854x480: wall best %.1f ms, mean %.1f ms; CPU best %.1f ms; %d runs"
            + " (checksum %.4f)%n", bestWall / 1e6, totalWall / 1e6 / runs, bestCpu / 1e6, runs, sink);
    }

    private static RgbFrame randomFrame(int w, int h, long seed) {
        Random rnd = new Random(seed);
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / w + rnd.nextInt(20)) & 0xff;
                int g = (y * 255 / h + rnd.nextInt(20)) & 0xff;
                int b = rnd.nextInt(256);
                px[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        return new RgbFrame(w, h, px);
    }
}
