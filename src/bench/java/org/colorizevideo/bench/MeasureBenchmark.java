package org.colorizevideo.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.colorizevideo.io.RgbFrameSources;
import org.colorizevideo.metrics.ClipMeasure;
import org.colorizevideo.metrics.FrameSource;
import org.colorizevideo.metrics.MetricsTable;
import org.colorizevideo.plugin.ColorizeMeasureJob;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * Times Colorize Measure on a whole clip (a command, not a test):
 *
 * <pre>java -cp target/Colorize_Video-*-all.jar org.colorizevideo.bench.MeasureBenchmark
 *     [--result ../shared/data/video/dvp-goat/per-frame-colorized] [--input ../shared/data/video/dvp-goat/input]
 *     [--reference ../shared/data/video/davis/goat] [--flow dis-medium] [--threads N] [--repeat 2] [--lpips model.onnx] [--opencv-threads N]</pre>
 *
 * Prints the summary row, the wall time of each repetition (the first includes JIT warm-up and loading
 * the OpenCV natives), the whole process's CPU time, and its split by stage (thread CPU time, summed
 * over the workers):
 * optical flow (forward + backward per pair), warping and occlusion, SSIM, reading/decoding the three
 * clips (on the calling thread), and the rest (PSNR, colourfulness, CDC, LPIPS).
 */
public final class MeasureBenchmark {

    /** CPU time of the whole JVM (all threads, OpenCV's included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        String result = "../shared/data/video/dvp-goat/per-frame-colorized";
        String input = "../shared/data/video/dvp-goat/input";
        String reference = "../shared/data/video/davis/goat";
        String flow = "dis-medium";
        String lpips = null;
        int threads = Runtime.getRuntime().availableProcessors();
        int repeat = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--result" -> result = args[i + 1];
                case "--input" -> input = args[i + 1];
                case "--reference" -> reference = args[i + 1];
                case "--flow" -> flow = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                case "--lpips" -> lpips = args[i + 1];
                case "--opencv-threads" -> org.colorizevideo.flow.OpenCvFlow.setThreads(Integer.parseInt(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, max heap %d MiB, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ClipMeasure.Settings settings = new ClipMeasure.Settings(flow, lpips == null ? null : Path.of(lpips), threads);
        for (int r = 0; r < repeat; r++) {
            FrameSource res = RgbFrameSources.open(Path.of(result), "result");
            FrameSource ref = reference.isEmpty() ? null : RgbFrameSources.open(Path.of(reference), "reference");
            FrameSource in = input.isEmpty() ? null : RgbFrameSources.open(Path.of(input), "input");
            long cpu0 = processCpuNanos();
            MetricsTable t = ClipMeasure.measure(res, ref, in, settings, ProgressListener.NONE, Cancellation.NEVER);
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            if (r == 0) {
                System.out.printf(Locale.ROOT, "clip: %d frames %dx%d, flow %s%n", t.frames(), res.width(), res.height(), flow);
                System.out.println("summary: " + ColorizeMeasureJob.summaryLine(t));
            }
            MetricsTable.Timing tm = t.timing();
            double rest = cpu - tm.flow() - tm.warp() - tm.ssim();
            System.out.printf(Locale.ROOT, "run %d: %.2f s wall on %d threads; process CPU %.2f s (= %.1f s on %d idle cores) = "
                    + "flow %.2f s (%.0f%%) + warp & occlusion %.2f s (%.0f%%) + SSIM %.2f s (%.0f%%) + other %.2f s (%.0f%%: "
                    + "frame decoding incl. AWT's JPEG threads, PSNR, colourfulness, CDC, LPIPS, JIT, GC)%n",
                    r + 1, tm.wall(), threads, cpu, cpu / threads, threads, tm.flow(), 100 * tm.flow() / cpu, tm.warp(),
                    100 * tm.warp() / cpu, tm.ssim(), 100 * tm.ssim() / cpu, rest, 100 * rest / cpu);
        }
    }
}
