package org.colorizevideo.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.colorizevideo.instance.Detection;
import org.colorizevideo.instance.DetectionFilter;
import org.colorizevideo.instance.Detector;
import org.colorizevideo.instance.DetectorManifest;
import org.colorizevideo.model.DeviceChoice;

/**
 * Times the instance detector on one synthetic frame (a command, not a test):
 *
 * <pre>java -cp target/Colorize_Video-*-all.jar org.colorizevideo.bench.DetectorBenchmark
 *     --model target/detector-bench/maskrcnn_rand800.onnx [--width 854] [--height 480] [--frames 5]
 *     [--warmup 1] [--device cpu]</pre>
 *
 * The model is any export of {@code models/export/export_maskrcnn.py}; its manifest says the in-graph
 * resize (torchvision's default: short side 800, long side at most 1333). Make one without internet with
 * <pre>python3 models/export/export_maskrcnn.py --random-init --seed 7 --out target/detector-bench --name maskrcnn_rand800</pre>
 * (add {@code --box-score-thresh 0.7} for a graph that drops what InstColorization's filter drops anyway).
 * The frame is the exporter's synthetic L* fixture (ramp with stripes, a disc, a rectangle, a textured
 * band) at the chosen size. Prints the time of each timed call to {@link Detector#detect} (L* to
 * detections, everything included) after the warm-up calls, their mean and median, the process CPU
 * time per timed call (less sensitive than wall time to a busy machine), and how many detections the
 * graph returned and how many InstColorization's filter keeps. The time depends on the number of
 * detections (the mask head and the mask pasting run per detection), so a random-init export is only a
 * proxy for the COCO weights on real footage.
 */
public final class DetectorBenchmark {

    /** CPU time of the whole JVM (all threads, ONNX Runtime's included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The fixture frame of export_maskrcnn.py ({@code fixture_L(h, w)}) at any size. */
    static float[] frame(int w, int h) {
        float[] l = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x / (double) (w - 1);
                double v = y / (double) (h - 1);
                double f = 30 + 25 * u + 10 * Math.sin(2 * Math.PI * 3 * v);
                if (u > 0.1 && u < 0.5 && v > 0.75 && v < 0.9) {
                    f = 60 + 30 * Math.sin(40 * u);
                } else if (u > 0.6 && u < 0.85 && v > 0.2 && v < 0.7) {
                    f = 12;
                } else if ((u - 0.3) * (u - 0.3) + (v - 0.45) * (v - 0.45) < 0.03) {
                    f = 85;
                }
                l[y * w + x] = (float) Math.min(100, Math.max(0, f));
            }
        }
        return l;
    }

    public static void main(String[] args) throws Exception {
        Path model = null;
        int width = 854;
        int height = 480;
        int frames = 5;
        int warmup = 1;
        String device = "cpu";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[i + 1]);
                case "--width" -> width = Integer.parseInt(args[i + 1]);
                case "--height" -> height = Integer.parseInt(args[i + 1]);
                case "--frames" -> frames = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--device" -> device = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("give --model <export_maskrcnn.py export>.onnx");
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        float[] l = frame(width, height);
        long t0 = System.nanoTime();
        try (Detector detector = Detector.open(model, DeviceChoice.parse(device))) {
            DetectorManifest m = detector.manifest();
            System.out.printf(Locale.ROOT, "model %s (%s) on %s, opened in %.0f ms; in-graph resize min %d / max %d, "
                    + "score threshold %.2f, at most %d detections; frame %dx%d%n", detector.name(), m.weights, detector.device(),
                    (System.nanoTime() - t0) / 1e6, m.resize.minSize, m.resize.maxSize, m.postprocess.boxScoreThresh,
                    m.postprocess.detectionsPerImage, width, height);
            List<Detection> found = List.of();
            for (int i = 0; i < warmup; i++) {
                long s = System.nanoTime();
                found = detector.detect(l, width, height);
                System.out.printf(Locale.ROOT, "warm-up %d: %.0f ms%n", i + 1, (System.nanoTime() - s) / 1e6);
            }
            double[] ms = new double[frames];
            long cpu0 = processCpuNanos();
            for (int i = 0; i < frames; i++) {
                long s = System.nanoTime();
                found = detector.detect(l, width, height);
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            double cpuMs = (processCpuNanos() - cpu0) / 1e6 / Math.max(1, frames);
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = frames == 0 ? Double.NaN
                    : frames % 2 == 1 ? sorted[frames / 2] : (sorted[frames / 2 - 1] + sorted[frames / 2]) / 2;
            System.out.printf(Locale.ROOT, "timed: %s ms; mean %.0f ms/frame, median %.0f ms/frame (wall); process CPU "
                    + "%.0f ms/frame; %d detections, %d kept by DetectionFilter.standard()%n",
                    Arrays.stream(ms).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).toList(),
                    Arrays.stream(ms).average().orElse(Double.NaN), median, cpuMs, found.size(),
                    DetectionFilter.standard().select(found).size());
        }
    }
}
