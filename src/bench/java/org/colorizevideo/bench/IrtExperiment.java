package org.colorizevideo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.dvp.DeepVideoPrior;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.RgbSource;
import org.colorizevideo.progress.Cancellation;

/**
 * Plain training against IRT on a {@link FlickerClip} (random global chroma shifts in every frame, and
 * frames where the disc takes another hue), for BENCHMARKS.md. For the per-frame input, plain DVP
 * and DVP with IRT it prints, separately for the multimodal frames and the others: PSNR against the
 * flicker-free truth, the mean a*b* error on the disc, and the share of disc pixels whose hue is
 * nearer the true hue than the other one.
 *
 * <pre>java -cp ... org.colorizevideo.bench.IrtExperiment [--mode faithful] [--epochs 25] [--warmup 5]
 *     [--frames 30] [--width 96] [--height 64] [--seeds 1,2,3] [--unet 32] [--multimodal 0.3] [--shift 8]
 *     [--sheet sheet.png]</pre>
 * The sheet shows the first 8 frames of the first seed: truth, per-frame, plain, IRT (red bar: a
 * multimodal frame).
 */
public final class IrtExperiment {

    public static void main(String[] args) throws Exception {
        DvpSettings.Mode mode = DvpSettings.Mode.FAITHFUL;
        int epochs = 25, warmup = 5, frames = 30, width = 96, height = 64, unet = 32;
        double multimodal = 0.3, shift = 8, lr = 1e-4;
        String seeds = "1", sheet = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--mode" -> mode = DvpSettings.Mode.parse(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--frames" -> frames = Integer.parseInt(v);
                case "--width" -> width = Integer.parseInt(v);
                case "--height" -> height = Integer.parseInt(v);
                case "--unet" -> unet = Integer.parseInt(v);
                case "--multimodal" -> multimodal = Double.parseDouble(v);
                case "--shift" -> shift = Double.parseDouble(v);
                case "--lr" -> lr = Double.parseDouble(v);
                case "--seeds" -> seeds = v;
                case "--sheet" -> sheet = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "clip: %d frames %dx%d, chroma shift sd %.1f, multimodal fraction %.2f; mode=%s "
                + "epochs=%d warmup=%d unet=%d lr=%g%n", frames, width, height, shift, multimodal, mode.key(), epochs, warmup,
                unet, lr);
        System.out.printf(Locale.ROOT, "%-6s %-10s %8s %8s %10s %10s %8s %8s %8s%n", "seed", "run", "PSNR-mm", "PSNR-oth",
                "discErr-mm", "discErr-o", "hue-mm", "hue-oth", "s/epoch");
        for (String s : seeds.split(",")) {
            int seed = Integer.parseInt(s.trim());
            FlickerClip clip = new FlickerClip(frames, width, height, seed, shift, multimodal);
            List<int[]> input = new ArrayList<>();
            for (int t = 0; t < frames; t++) {
                input.add(clip.processed().rgb(t));
            }
            report(seed, "per-frame", clip, input, Double.NaN);
            List<List<int[]>> rows = new ArrayList<>();
            List<int[]> truthFrames = new ArrayList<>();
            for (int t = 0; t < frames; t++) {
                truthFrames.add(clip.truth().rgb(t));
            }
            rows.add(truthFrames);
            rows.add(input);
            for (boolean irt : new boolean[] {false, true}) {
                DvpSettings settings = new DvpSettings(mode, epochs, lr, unet, DvpSettings.DEFAULT_SEED, irt, irt ? warmup : 0,
                        mode == DvpSettings.Mode.FAST ? 0.5 : 1.0, 0).validated(); // constant rate, as measured
                List<int[]> out = new ArrayList<>();
                DeepVideoPrior.Summary summary = new DeepVideoPrior(settings, (d, t, m) -> { }, Cancellation.NEVER)
                        .refine(clip.gray(), clip.processed(), new FrameSink() {
                            @Override
                            public void put(int index, int[] rgb, int w, int h) {
                                out.add(rgb);
                            }

                            @Override
                            public void commit() {
                            }

                            @Override
                            public void abort() {
                            }
                        });
                report(seed, irt ? "IRT" : "plain", clip, out, summary.secondsPerEpoch());
                rows.add(out);
            }
            if (sheet != null && s.equals(seeds.split(",")[0])) {
                writeSheet(sheet, clip, rows, width, height);
            }
        }
    }

    /** Rows truth, per-frame, plain, IRT; columns: the first 8 frames, multimodal ones marked by a red bar. */
    private static void writeSheet(String path, FlickerClip clip, List<List<int[]>> rows, int w, int h) throws Exception {
        int cols = Math.min(8, clip.size());
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(cols * (w + 2), rows.size() * (h + 2) + 4,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int c = 0; c < cols; c++) {
            if (clip.multimodal(c)) {
                for (int x = 0; x < w; x++) {
                    for (int y = 0; y < 3; y++) {
                        img.setRGB(c * (w + 2) + x, y, 0xff0000);
                    }
                }
            }
            for (int r = 0; r < rows.size(); r++) {
                img.setRGB(c * (w + 2), 4 + r * (h + 2), w, h, rows.get(r).get(c), 0, w);
            }
        }
        javax.imageio.ImageIO.write(img, "png", new java.io.File(path));
    }

    private static void report(int seed, String name, FlickerClip clip, List<int[]> frames, double secondsPerEpoch)
            throws Exception {
        RgbSource truth = clip.truth();
        double[] psnr = new double[2], disc = new double[2], hue = new double[2];
        int[] count = new int[2];
        double[] lab = new double[3], ref = new double[3];
        for (int t = 0; t < clip.size(); t++) {
            int k = clip.multimodal(t) ? 0 : 1;
            int[] o = frames.get(t), g = truth.rgb(t);
            double se = 0, err = 0, right = 0;
            int n = 0;
            for (int p = 0; p < o.length; p++) {
                for (int sh = 0; sh <= 16; sh += 8) {
                    double d = ((o[p] >> sh) & 0xff) - ((g[p] >> sh) & 0xff);
                    se += d * d;
                }
                int x = p % truth.width(), y = p / truth.width();
                if (clip.onObject(t, x, y)) {
                    Lab.rgbToLab(o[p], lab);
                    Lab.rgbToLab(g[p], ref);
                    err += Math.hypot(lab[1] - ref[1], lab[2] - ref[2]);
                    // nearer the true disc hue (35, 55) than the other one (-10, -45)?
                    double dTrue = Math.hypot(lab[1] - 35, lab[2] - 55), dOther = Math.hypot(lab[1] + 10, lab[2] + 45);
                    right += dTrue < dOther ? 1 : 0;
                    n++;
                }
            }
            psnr[k] += 10 * Math.log10(255.0 * 255.0 / (se / (3.0 * o.length)));
            disc[k] += err / Math.max(1, n);
            hue[k] += right / Math.max(1, n);
            count[k]++;
        }
        for (int k = 0; k < 2; k++) {
            psnr[k] /= Math.max(1, count[k]);
            disc[k] /= Math.max(1, count[k]);
            hue[k] /= Math.max(1, count[k]);
        }
        System.out.printf(Locale.ROOT, "%-6d %-10s %8.2f %8.2f %10.2f %10.2f %8.3f %8.3f %8.2f%n", seed, name, psnr[0], psnr[1],
                disc[0], disc[1], hue[0], hue[1], secondsPerEpoch);
    }
}
