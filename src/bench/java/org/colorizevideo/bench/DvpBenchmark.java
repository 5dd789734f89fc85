package org.colorizevideo.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.colorizevideo.dvp.DeepVideoPrior;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.io.AtomicOutput;
import org.colorizevideo.io.FolderSink;
import org.colorizevideo.io.FolderSource;
import org.colorizevideo.io.RgbFrames;
import org.colorizevideo.progress.Cancellation;

/**
 * Times Deep Video Prior refinement end to end on a folder pair and writes the refined frames (PNG),
 * for the figures in BENCHMARKS.md (quality is measured on the written frames).
 *
 * <pre>java -cp target/Colorize_Video-*-all.jar org.colorizevideo.bench.DvpBenchmark
 *     --input ../shared/data/video/dvp-goat/input --processed ../shared/data/video/dvp-goat/per-frame-colorized
 *     --output target/dvp-goat-fast [--mode fast|faithful] [--epochs 25] [--lr 1e-4] [--width 16] [--scale 0.25]
 *     [--seed 2020] [--irt true] [--warmup 5] [--decay N (default: the mode's)] [--frames N]</pre>
 */
public final class DvpBenchmark {

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String input = null, processed = null, output = null, snapshots = "";
        DvpSettings.Mode mode = DvpSettings.Mode.FAST;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--mode")) {
                mode = DvpSettings.Mode.parse(args[i + 1]);
            }
        }
        DvpSettings d = DvpSettings.defaults(mode);
        int epochs = d.epochs(), width = d.width(), seed = d.seed(), warmup = d.warmup(), frames = 0, decay = -1;
        double lr = d.lr(), scale = d.scale();
        boolean irt = d.irt(), skip = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--input" -> input = v;
                case "--processed" -> processed = v;
                case "--output" -> output = v;
                case "--mode" -> { }
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--lr" -> lr = Double.parseDouble(v);
                case "--width" -> width = Integer.parseInt(v);
                case "--scale" -> scale = Double.parseDouble(v);
                case "--seed" -> seed = Integer.parseInt(v);
                case "--irt" -> irt = Boolean.parseBoolean(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--frames" -> frames = Integer.parseInt(v);
                case "--decay" -> decay = Integer.parseInt(v);
                case "--snapshots" -> snapshots = v;
                case "--skip" -> skip = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        DvpSettings settings = new DvpSettings(mode, epochs, lr, width, seed, irt, warmup, scale,
                decay >= 0 ? decay : DvpSettings.defaultDecay(mode, epochs), skip).validated();
        FolderSource gray = new FolderSource(Path.of(input), false);
        RgbFrames rgb = RgbFrames.open(Path.of(processed));
        org.colorizevideo.colorize.LuminanceSource source = frames > 0 ? new FirstFrames(gray, frames) : gray;
        AtomicOutput out = new AtomicOutput(Path.of(output), true, Path.of(input));
        System.out.println("threads: " + Runtime.getRuntime().availableProcessors() + ", " + settings);
        DeepVideoPrior dvp = new DeepVideoPrior(settings, (done, total, message) -> System.out.println(
                String.format(Locale.ROOT, "[%7.1f s] %s", (System.nanoTime() - t0) / 1e9, message)), Cancellation.NEVER);
        java.util.Set<Integer> snap = new java.util.HashSet<>();
        for (String e : snapshots.split(",")) {
            if (!e.isBlank()) {
                snap.add(Integer.parseInt(e.trim()));
            }
        }
        String base = output, in = input;
        dvp.withSnapshots(e -> {
            if (!snap.contains(e)) {
                return null;
            }
            try {
                return new FolderSink(new AtomicOutput(Path.of(base + "-e" + e), true, Path.of(in)), source, null, null);
            } catch (org.colorizevideo.ColorizeException ex) {
                throw new IllegalStateException(ex);
            }
        });
        DeepVideoPrior.Summary s = dvp.refine(source, new FirstRgb(rgb, source.size()), new FolderSink(out, source, null, null));
        System.out.println(s);
        System.out.printf(Locale.ROOT, "end to end (JVM start excluded): %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The first n frames of a clip. */
    private record FirstFrames(org.colorizevideo.colorize.LuminanceSource s, int n)
            implements org.colorizevideo.colorize.LuminanceSource {
        @Override
        public int size() {
            return Math.min(n, s.size());
        }

        @Override
        public int width() {
            return s.width();
        }

        @Override
        public int height() {
            return s.height();
        }

        @Override
        public String frameName(int index) {
            return s.frameName(index);
        }

        @Override
        public float[] luminance(int index) throws org.colorizevideo.ColorizeException {
            return s.luminance(index);
        }
    }

    private record FirstRgb(RgbFrames s, int n) implements org.colorizevideo.dvp.RgbSource {
        @Override
        public int size() {
            return Math.min(n, s.size());
        }

        @Override
        public int width() {
            return s.width();
        }

        @Override
        public int height() {
            return s.height();
        }

        @Override
        public int[] rgb(int index) throws org.colorizevideo.ColorizeException {
            return s.rgb(index);
        }
    }
}
