package org.colorizevideo.bench;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.ColorizationEngine;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.metrics.Colorfulness;
import org.colorizevideo.metrics.Psnr;
import org.colorizevideo.metrics.Ssim;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * Measures a model through the plugin's own pipeline on colour clips (e.g. ../shared/data/video/davis):
 * each colour frame becomes an L*-neutral 8-bit gray frame, is colorized, and is compared with the
 * colour frame (PSNR, SSIM) and for colourfulness. Prints per clip and mean, for each temperature,
 * plus the gray baseline (a*=b*=0), and optionally writes a contact sheet (gray | ours | truth).
 *
 * <pre>java -cp target/Colorize_Video-*-all.jar org.colorizevideo.bench.DavisEvaluation ../shared/data/video/davis
 *     [--model M] [--temperatures 1,0.6,0.38,0.2,0] [--every 1] [--sheet docs/contact-sheet.png]</pre>
 * Temperature 0 means the model's default.
 */
public final class DavisEvaluation {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String model = "", sheet = null, temps = "0";
        int every = 1;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> model = args[i + 1];
                case "--temperatures" -> temps = args[i + 1];
                case "--every" -> every = Integer.parseInt(args[i + 1]);
                case "--sheet" -> sheet = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Path> clips;
        try (Stream<Path> s = Files.list(root)) {
            clips = s.filter(Files::isDirectory).sorted().toList();
        }
        List<Clip> loaded = new ArrayList<>();
        for (Path c : clips) {
            loaded.add(Clip.load(c, every));
        }
        System.out.printf(Locale.ROOT, "%-16s %7s %8s %8s %8s%n", "clip", "frames", "PSNR", "SSIM", "colorful");
        double[] gray = new double[3], truth = new double[1];
        for (Clip c : loaded) {
            double[] m = c.score(c.grayRgb);
            gray[0] += m[0] / loaded.size();
            gray[1] += m[1] / loaded.size();
            gray[2] += m[2] / loaded.size();
            truth[0] += c.truthColourfulness() / loaded.size();
        }
        System.out.printf(Locale.ROOT, "gray baseline (a*=b*=0): PSNR %.2f dB, SSIM %.4f, colourfulness %.1f; ground truth colourfulness %.1f%n",
                gray[0], gray[1], gray[2], truth[0]);
        for (String t : temps.split(",")) {
            double temperature = Double.parseDouble(t);
            ColorizeSettings settings = new ColorizeSettings(model, temperature, DeviceChoice.AUTO, 4);
            double[] mean = new double[3];
            String used = null;
            List<String> lines = new ArrayList<>();
            for (Clip c : loaded) {
                List<int[]> out = new ArrayList<>();
                ColorizationEngine.Summary s = new ColorizationEngine(settings, ModelLocator.standard(), ProgressListener.NONE,
                        Cancellation.NEVER).process(c, new FrameSink() {
                            @Override
                            public void put(int index, int[] rgb, int width, int height) {
                                out.add(rgb);
                            }

                            @Override
                            public void commit() {
                            }

                            @Override
                            public void abort() {
                            }
                        });
                used = s.model() + " T=" + s.temperature();
                c.last = out;
                double[] m = c.score(out);
                lines.add(String.format(Locale.ROOT, "%-16s %7d %8.2f %8.4f %8.1f (truth %.1f)", c.name, c.size(), m[0], m[1],
                        m[2], c.truthColourfulness()));
                for (int k = 0; k < 3; k++) {
                    mean[k] += m[k] / loaded.size();
                }
            }
            System.out.println("== " + used);
            lines.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "%-16s %7s %8.2f %8.4f %8.1f  (PSNR vs gray %+.2f dB; colourfulness %.0f%% of truth)%n",
                    "mean", "", mean[0], mean[1], mean[2], mean[0] - gray[0], 100 * mean[2] / truth[0]);
            if (sheet != null) {
                writeSheet(loaded, Path.of(sheet.replace(".png", "-T" + t + ".png")));
            }
        }
    }

    private static void writeSheet(List<Clip> clips, Path file) throws Exception {
        int w = clips.get(0).width / 2, h = clips.get(0).height / 2;
        ColorProcessor sheet = new ColorProcessor(3 * w, h * clips.size());
        for (int i = 0; i < clips.size(); i++) {
            Clip c = clips.get(i);
            int f = c.size() / 2;
            int[][] row = {c.grayRgb.get(f), c.last.get(f), c.truth.get(f)};
            for (int k = 0; k < 3; k++) {
                ColorProcessor cp = new ColorProcessor(c.width, c.height, row[k].clone());
                sheet.insert(cp.resize(w, h, true), k * w, i * h);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        new FileSaver(new ImagePlus("sheet", sheet)).saveAsPng(file.toString());
        System.out.println("contact sheet: " + file);
    }

    /** A colour clip held in memory (DAVIS clips are short) with its L*-neutral gray version. */
    static final class Clip implements LuminanceSource {
        final String name;
        final int width, height;
        final List<int[]> truth = new ArrayList<>();
        final List<int[]> grayRgb = new ArrayList<>();
        final List<float[]> luminance = new ArrayList<>();
        List<int[]> last;

        Clip(String name, int width, int height) {
            this.name = name;
            this.width = width;
            this.height = height;
        }

        static Clip load(Path dir, int every) throws Exception {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted().toList();
            }
            Clip clip = null;
            for (int i = 0; i < files.size(); i += every) {
                ColorProcessor cp = (ColorProcessor) ij.IJ.openImage(files.get(i).toString()).getProcessor().convertToRGB();
                if (clip == null) {
                    clip = new Clip(dir.getFileName().toString(), cp.getWidth(), cp.getHeight());
                }
                int[] px = (int[]) cp.getPixels();
                int[] g = new int[px.length];
                float[] l = new float[px.length];
                for (int p = 0; p < px.length; p++) {
                    int c = px[p];
                    // The neutral gray with the same L* is the one with the same relative luminance Y.
                    double y = 0.212671 * Lab.srgbToLinear(((c >> 16) & 0xff) / 255.0)
                            + 0.715160 * Lab.srgbToLinear(((c >> 8) & 0xff) / 255.0)
                            + 0.072169 * Lab.srgbToLinear((c & 0xff) / 255.0);
                    int v = (int) Math.round(255 * Lab.linearToSrgb(y));
                    v = Math.max(0, Math.min(255, v));
                    g[p] = (v << 16) | (v << 8) | v;
                    l[p] = FastLab.grayToL(v);
                    px[p] = c & 0xffffff;
                }
                clip.truth.add(px);
                clip.grayRgb.add(g);
                clip.luminance.add(l);
            }
            return clip;
        }

        double truthColourfulness() {
            return truth.stream().mapToDouble(Colorfulness::compute).average().orElse(Double.NaN);
        }

        /** Mean PSNR, SSIM against the truth, and mean colourfulness of frames. */
        double[] score(List<int[]> frames) {
            double psnr = 0, ssim = 0, colour = 0;
            for (int i = 0; i < frames.size(); i++) {
                psnr += Psnr.compute(frames.get(i), truth.get(i), width, height);
                ssim += Ssim.compute(frames.get(i), truth.get(i), width, height);
                colour += Colorfulness.compute(frames.get(i));
            }
            int n = frames.size();
            return new double[] {psnr / n, ssim / n, colour / n};
        }

        @Override
        public int size() {
            return truth.size();
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public String frameName(int index) {
            return name + "_" + index;
        }

        @Override
        public float[] luminance(int index) {
            return luminance.get(index);
        }
    }
}
