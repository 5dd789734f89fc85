package org.colorizevideo.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.AutomaticFrameColorizer;
import org.colorizevideo.colorize.StageTimes;
import org.colorizevideo.hints.ColourHint;
import org.colorizevideo.hints.HintSet;
import org.colorizevideo.hints.HintSpreading;
import org.colorizevideo.model.ColorizationModel;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;

/**
 * PSNR against the number of hints revealed from the truth (the SIGGRAPH17 protocol of
 * colorization-pytorch's test_sweep.py, on our clips): per frame, N patches of 6x6 model pixels at
 * Gaussian locations (mean (H-6+1)/2, sd (H-6+1)/4 per axis, clipped), each hinted with the mean true
 * a*b* of the frame pixels it covers; gray input = the frame's L*; PSNR of the 8-bit result against
 * the frame, whole image, mean over frames. With 0 hints it also prints colourfulness (Hasler and
 * Suesstrunk) and Zhang's raw accuracy (share of pixels whose a*b* is within 10 of the truth).
 *
 * <pre>java -cp target/…-all.jar:target/bench-classes org.colorizevideo.bench.HintSweep ../shared/data/video/davis
 *     compact-lab-v1,compact-hints-v1,/path/siggraph17.json [counts 0,1,2,5,10,20,50] [every 10]
 *     [spreading: "none" or sigmaSpace,sigmaRange,reach, several separated by ';']</pre>
 * Each model that takes hints gets a row per spreading ({@link HintSpreading}); "none" is the network alone.
 */
public final class HintSweep {

    private HintSweep() {
    }

    record Frame(String name, int w, int h, int[] rgb, float[] l, float[] a, float[] b) {
    }

    public static void main(String[] args) throws Exception {
        Path davis = Path.of(args[0]);
        String[] models = args[1].split(",");
        int[] counts = Stream.of((args.length > 2 ? args[2] : "0,1,2,5,10,20,50").split(",")).mapToInt(Integer::parseInt).toArray();
        int every = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        List<HintSpreading> spreads = new ArrayList<>();
        for (String spec : (args.length > 4 ? args[4] : "none").split(";")) {
            if (spec.isBlank() || spec.trim().equals("none")) {
                spreads.add(null);
            } else {
                double[] v = Stream.of(spec.split(",")).mapToDouble(Double::parseDouble).toArray();
                spreads.add(new HintSpreading(v[0], v[1], v[2]));
            }
        }
        List<Frame> frames = load(davis, every);
        System.out.printf(Locale.ROOT, "%d frames (every %d of each clip in %s)%n", frames.size(), every, davis);
        double gray = 0, truthColour = 0;
        for (Frame f : frames) {
            gray += psnr(f.rgb, grayOf(f));
            truthColour += colourfulness(f.rgb);
        }
        System.out.printf(Locale.ROOT, "gray %.3f dB; truth colourfulness %.1f%n", gray / frames.size(), truthColour / frames.size());
        for (HintSpreading spread : spreads) {
            if (spread != null) {
                System.out.println(grayRow(frames, counts, spread));
            }
        }
        for (String name : models) {
            try (ColorizationModel model = ColorizationModel.open(ModelLocator.standard().locate(name), DeviceChoice.CPU)) {
                double t = model.manifest().output.temperature;
                for (HintSpreading spread : spreads) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-22s %s", model.name(),
                        spread == null ? "network alone" : spread));
                for (int count : counts) {
                    if (count > 0 && !model.manifest().takesHints() && spread == null) {
                        row.append("      -");
                        continue;
                    }
                    double sum = 0, colour = 0, accurate = 0;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < frames.size(); i++) {
                        Frame f = frames.get(i);
                        int[] in = model.manifest().inputSizeFor(f.h, f.w);
                        HintSet hints = new HintSet(reveal(f, count, in[0], in[1], new Random(1000L * i + count)), 1);
                        int[] out = new AutomaticFrameColorizer(model, t, 1, new StageTimes(), hints, spread)
                                .colorize(0, List.of(f.l), f.w, f.h).get(0);
                        sum += psnr(f.rgb, out);
                        if (count == 0) {
                            colour += colourfulness(out);
                            accurate += rawAccuracy(f, out);
                        }
                    }
                    row.append(String.format(Locale.ROOT, " %6.3f", sum / frames.size()));
                    if (count == 0) {
                        row.append(String.format(Locale.ROOT, " (colourfulness %.1f, a*b* within 10: %.1f %%)",
                                colour / frames.size(), 100 * accurate / frames.size()));
                    }
                    System.err.printf(Locale.ROOT, "%s, %d hints: %.1f s%n", model.name(), count, (System.nanoTime() - t0) / 1e9);
                }
                System.out.println(row);
                }
            }
        }
        System.out.println("columns: hints per frame " + java.util.Arrays.toString(counts));
    }

    /**
     * No network: the frame's L* with a*b* = 0 plus the spread hints ({@link HintSpreading#alone}, the path of
     * Colorize Keyframe's model=none), to show what the spreading does by itself.
     */
    static String grayRow(List<Frame> frames, int[] counts, HintSpreading spread) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-22s %s", "gray + spreading", spread));
        for (int count : counts) {
            double sum = 0;
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                int[] grid = HintSpreading.grid(f.w, f.h);
                float[][] ab = spread.alone(f.l, f.w, f.h, reveal(f, count, grid[1], grid[0], new Random(1000L * i + count)), 1);
                sum += psnr(f.rgb, org.colorizevideo.color.FastLab.labToRgb(f.l, ab[0], ab[1], f.w, f.h));
            }
            row.append(String.format(Locale.ROOT, " %6.3f", sum / frames.size()));
        }
        return row.toString();
    }

    /** count hints of 6x6 model pixels on an mh x mw grid, as frame-pixel areas with the patch-mean a*b*. */
    static List<ColourHint> reveal(Frame f, int count, int mh, int mw, Random random) {
        List<ColourHint> hints = new ArrayList<>();
        int p = 6;
        for (int k = 0; k < count; k++) {
            int my = clip((int) (random.nextGaussian() * (mh - p + 1) / 4.0 + (mh - p + 1) / 2.0), mh - p);
            int mx = clip((int) (random.nextGaussian() * (mw - p + 1) / 4.0 + (mw - p + 1) / 2.0), mw - p);
            List<Integer> xs = new ArrayList<>(), ys = new ArrayList<>();
            double sa = 0, sb = 0;
            for (int y = 0; y < f.h; y++) {
                int gy = (int) Math.floor(y * (double) mh / f.h);
                if (gy < my || gy >= my + p) {
                    continue;
                }
                for (int x = 0; x < f.w; x++) {
                    int gx = (int) Math.floor(x * (double) mw / f.w);
                    if (gx >= mx && gx < mx + p) {
                        xs.add(x);
                        ys.add(y);
                        sa += f.a[y * f.w + x];
                        sb += f.b[y * f.w + x];
                    }
                }
            }
            hints.add(new ColourHint(0, xs.stream().mapToInt(Integer::intValue).toArray(),
                    ys.stream().mapToInt(Integer::intValue).toArray(), false, (float) (sa / xs.size()),
                    (float) (sb / xs.size()), "patch " + (k + 1)));
        }
        return hints;
    }

    private static int clip(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    static List<Frame> load(Path davis, int every) throws Exception {
        List<Frame> frames = new ArrayList<>();
        List<Path> clips;
        try (Stream<Path> s = Files.list(davis)) {
            clips = s.filter(Files::isDirectory).sorted().toList();
        }
        double[] lab = new double[3];
        for (Path clip : clips) {
            List<Path> files;
            try (Stream<Path> s = Files.list(clip)) {
                files = s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted().toList();
            }
            for (int i = 0; i < files.size(); i += every) {
                BufferedImage im = ImageIO.read(files.get(i).toFile());
                int w = im.getWidth(), h = im.getHeight();
                int[] rgb = im.getRGB(0, 0, w, h, null, 0, w);
                float[] l = new float[w * h], a = new float[w * h], b = new float[w * h];
                for (int p = 0; p < rgb.length; p++) {
                    rgb[p] &= 0xffffff;
                    Lab.rgbToLab(rgb[p], lab);
                    l[p] = (float) lab[0];
                    a[p] = (float) lab[1];
                    b[p] = (float) lab[2];
                }
                frames.add(new Frame(clip.getFileName() + "/" + files.get(i).getFileName(), w, h, rgb, l, a, b));
            }
        }
        return frames;
    }

    private static int[] grayOf(Frame f) {
        int[] out = new int[f.rgb.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = org.colorizevideo.color.FastLab.labToRgb(f.l[p], 0f, 0f);
        }
        return out;
    }

    static double psnr(int[] truth, int[] out) {
        double se = 0;
        for (int p = 0; p < truth.length; p++) {
            for (int s = 0; s <= 16; s += 8) {
                double d = ((truth[p] >> s) & 0xff) - ((out[p] >> s) & 0xff);
                se += d * d;
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / (3.0 * truth.length)));
    }

    private static double rawAccuracy(Frame f, int[] out) {
        double[] lab = new double[3];
        long ok = 0;
        for (int p = 0; p < out.length; p++) {
            Lab.rgbToLab(out[p], lab);
            ok += Math.hypot(lab[1] - f.a[p], lab[2] - f.b[p]) < 10 ? 1 : 0;
        }
        return ok / (double) out.length;
    }

    static double colourfulness(int[] rgb) {
        double srg = 0, syb = 0, qrg = 0, qyb = 0;
        for (int c : rgb) {
            double r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
            double rg = r - g, yb = 0.5 * (r + g) - b;
            srg += rg;
            syb += yb;
            qrg += rg * rg;
            qyb += yb * yb;
        }
        int n = rgb.length;
        double mrg = srg / n, myb = syb / n;
        double sdrg = Math.sqrt(Math.max(0, qrg / n - mrg * mrg)), sdyb = Math.sqrt(Math.max(0, qyb / n - myb * myb));
        return Math.sqrt(sdrg * sdrg + sdyb * sdyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
    }
}
