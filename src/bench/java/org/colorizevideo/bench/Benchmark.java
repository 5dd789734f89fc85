package org.colorizevideo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.Resampler;
import org.colorizevideo.colorize.ColorizationEngine;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.colorize.StageTimes;
import org.colorizevideo.colorize.StageTimes.Stage;
import org.colorizevideo.io.AtomicOutput;
import org.colorizevideo.io.FolderSink;
import org.colorizevideo.io.InputOpener;
import org.colorizevideo.model.ColorizationModel;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * Prints throughput, the per-stage split and peak heap of Colorize Video (a command, not a test):
 *
 * <pre>java -cp target/Colorize_Video-*-all.jar org.colorizevideo.bench.Benchmark [--model M] [--device cpu]
 *     [--batch 4] [--frames 100,1000] [--width 854 --height 480] [--source disk|memory]
 *     [--input clip-folder] [--reference colour.png [--exemplar-model M]]</pre>
 *
 * Each run streams frames through the whole pipeline and writes PNGs into a temporary folder that is
 * deleted afterwards. The frames are synthetic: written as 8-bit PNGs into a temporary folder first and
 * read back from there ({@code --source disk}, the default: read includes decoding) or generated on
 * demand ({@code memory}); or the given input. For the automatic model it then times the bare network
 * (ONNX Runtime on the same batches, no annealed-mean decoding) and prints end-to-end / bare.
 */
public final class Benchmark {

    public static void main(String[] args) throws Exception {
        String model = "", device = "cpu", frames = "100,1000", input = null, reference = null, exemplarModel = "";
        String sourceKind = "disk";
        int batch = 4, width = 854, height = 480;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> model = args[i + 1];
                case "--device" -> device = args[i + 1];
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--frames" -> frames = args[i + 1];
                case "--width" -> width = Integer.parseInt(args[i + 1]);
                case "--height" -> height = Integer.parseInt(args[i + 1]);
                case "--input" -> input = args[i + 1];
                case "--reference" -> reference = args[i + 1];
                case "--exemplar-model" -> exemplarModel = args[i + 1];
                case "--source" -> sourceKind = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        ColorizeSettings settings = new ColorizeSettings(model, Double.NaN, DeviceChoice.parse(device), batch, null,
                org.colorizevideo.exemplar.ExemplarSettings.parse(reference, exemplarModel));
        runOnce(settings, new SyntheticClip(batch * 2, width, height), "warm-up");
        for (String n : frames.split(",")) {
            int count = Integer.parseInt(n.trim());
            Path pngs = null;
            LuminanceSource source;
            if (input != null) {
                source = InputOpener.open(Path.of(input), false).source();
            } else if (sourceKind.equals("disk")) {
                pngs = Files.createTempDirectory("colorize-bench-input");
                new SyntheticClip(count, width, height).writePngs(pngs);
                source = InputOpener.open(pngs, false).source();
            } else {
                source = new SyntheticClip(count, width, height);
            }
            String label = source.size() + " frames " + source.width() + "x" + source.height()
                    + (input != null ? " from " + input : sourceKind.equals("disk") ? " (PNG files on disk)" : " (in memory)");
            double e2e = runOnce(settings, source, label);
            if (pngs != null) {
                deleteTree(pngs);
            }
            if (reference == null) {
                double bare = bareNetworkSeconds(settings, source.size(), source.width(), source.height());
                System.out.printf(Locale.ROOT, "  bare network (ONNX Runtime, same batches, no decoding): %.1f ms/frame%n",
                        1000 * bare / source.size());
                System.out.printf(Locale.ROOT, "  end-to-end / bare network: %.3f (target <= 1.15)%n", e2e / bare);
            }
            if (input != null) {
                break;
            }
        }
    }

    /**
     * Seconds the bare network takes for {@code frames} frames: the model run on batches of the
     * pipeline's size and input size (frames of the synthetic clip), nothing before or after it.
     */
    private static double bareNetworkSeconds(ColorizeSettings settings, int frames, int width, int height)
            throws ColorizeException {
        try (ColorizationModel model = ColorizationModel.open(ModelLocator.standard().locate(settings.model()),
                settings.device())) {
            int[] in = model.manifest().inputSizeFor(height, width);
            int mh = in[0], mw = in[1], batch = settings.batch();
            SyntheticClip clip = new SyntheticClip(batch, width, height);
            Resampler down = new Resampler(width, height, mw, mh);
            float[] planes = new float[batch * mh * mw];
            for (int i = 0; i < batch; i++) {
                down.resample(clip.luminance(i), 0, planes, i * mh * mw);
            }
            long[] shape = new long[4];
            model.run(planes, batch, mh, mw, shape);
            long t0 = System.nanoTime(), cpu0 = processCpuNanos();
            for (int done = 0; done < frames; done += batch) {
                int n = Math.min(batch, frames - done);
                model.run(n == batch ? planes : java.util.Arrays.copyOf(planes, n * mh * mw), n, mh, mw, shape);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  bare network: wall %.1f s, CPU %.1f s%n", wall, (processCpuNanos() - cpu0) / 1e9);
            return wall;
        }
    }

    /** Streams source through the pipeline into a temporary folder; prints the split; returns wall seconds. */
    private static double runOnce(ColorizeSettings settings, LuminanceSource source, String label) throws Exception {
        Path parent = Files.createTempDirectory("colorize-bench");
        Path out = parent.resolve("out");
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        ColorizationEngine.Summary s;
        try {
            s = new ColorizationEngine(settings, ModelLocator.standard(), ProgressListener.NONE, Cancellation.NEVER)
                    .process(source, new FolderSink(new AtomicOutput(out, false, null), source, null, null));
        } catch (ColorizeException e) {
            System.err.println(e.getMessage());
            throw e;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        deleteTree(parent);
        if (label.equals("warm-up")) {
            return wall;
        }
        StageTimes t = s.times();
        double infer = t.seconds(Stage.INFERENCE), pre = t.seconds(Stage.PREPROCESS), post = t.seconds(Stage.POSTPROCESS);
        System.out.printf(Locale.ROOT, "%s, model %s on %s, T=%.2f, batch %d%n", label, s.model(), s.device(),
                s.temperature(), settings.batch());
        System.out.printf(Locale.ROOT, "  throughput: %.2f frames/s (%.1f ms/frame, wall %.1f s, CPU %.1f s)%n",
                s.frames() / wall, 1000 * wall / s.frames(), wall, cpu);
        for (Stage stage : Stage.values()) {
            System.out.printf(Locale.ROOT, "  %-11s %8.1f ms/frame%n", stage.name().toLowerCase(Locale.ROOT),
                    1000 * t.seconds(stage) / s.frames());
        }
        System.out.printf(Locale.ROOT, "  (write = time the pipeline waited for the background PNG writer)%n");
        System.out.printf(Locale.ROOT, "  pipeline overhead (preprocess + postprocess) / inference: %.1f%%%n",
                100 * (pre + post) / infer);
        System.out.printf(Locale.ROOT, "  everything else (read + pre + post + write) / inference: %.1f%%%n",
                100 * (t.totalSeconds() - infer) / infer);
        System.out.printf(Locale.ROOT, "  peak heap: %.1f MiB%n", peak / 1048576.0);
        return wall;
    }

    /** CPU time of the whole process (all threads, including ONNX Runtime's), or 0 where the JVM does not give it. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
