package org.colorizevideo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.InstanceFrameColorizer;
import org.colorizevideo.colorize.StageTimes;
import org.colorizevideo.instance.BoxTracker;
import org.colorizevideo.instance.Detection;
import org.colorizevideo.instance.DetectionTable;
import org.colorizevideo.instance.InstanceColorizationModel;
import org.colorizevideo.model.DeviceChoice;

/**
 * How much box association across frames ({@link BoxTracker}) reduces instance colour flicker (a
 * command, not a test):
 *
 * <pre>java -cp ... org.colorizevideo.bench.InstanceTrackingExperiment [instcolor.json] [--frames 16]
 *     [--jitter 4] [--dropout 0.2] [--seed 1]</pre>
 *
 * A synthetic gray clip (textured background, a textured ellipse moving 2 px right and 1 px down per
 * frame) is colorized by InstColorization three times with the same model: with the true box every
 * frame (oracle), with simulated detections (each corner jittered by a Gaussian of sd {@code jitter}
 * px, the object missed in a {@code dropout} share of the frames) used frame by frame as the paper
 * does, and with the same detections through the tracker. Flicker = mean squared RGB difference (0..1
 * scale) between consecutive output frames, following the known motion, separately inside the object
 * (pixels at least 3 px inside the ellipse in both frames) and on the static background away from it.
 * The figures say how the pipeline reacts to box noise; with random-init weights they do not say how
 * good the colours are.
 */
public final class InstanceTrackingExperiment {

    private InstanceTrackingExperiment() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of("target/instcolor-export/instcolor_rand.json");
        int frames = 16, w = 320, h = 240;
        double jitter = 4, dropout = 0.2;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--jitter" -> jitter = Double.parseDouble(args[++i]);
                case "--dropout" -> dropout = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> manifest = Path.of(args[i]);
            }
        }
        List<float[]> clip = new ArrayList<>();
        List<Detection> truth = new ArrayList<>();
        List<Detection> noisy = new ArrayList<>();
        Random r = new Random(seed);
        for (int f = 0; f < frames; f++) {
            clip.add(frame(f, w, h));
            Detection t = trueBox(f);
            truth.add(t);
            noisy.add(r.nextDouble() < dropout && f > 0 ? null : new Detection(t.label(), t.name(), t.score(),
                    t.x0() + (float) (r.nextGaussian() * jitter), t.y0() + (float) (r.nextGaussian() * jitter),
                    t.x1() + (float) (r.nextGaussian() * jitter), t.y1() + (float) (r.nextGaussian() * jitter)));
        }
        System.out.printf(Locale.ROOT, "InstColorization %s, %d frames %dx%d, jitter sd %.1f px, dropout %.2f, seed %d%n",
                manifest.getFileName(), frames, w, h, jitter, dropout, seed);
        try (InstanceColorizationModel model = InstanceColorizationModel.open(manifest, DeviceChoice.CPU)) {
            report("oracle boxes", run(model, clip, w, h, truth, null), w, h);
            report("detections, per frame (paper)", run(model, clip, w, h, noisy, null), w, h);
            report("detections, tracked", run(model, clip, w, h, noisy, BoxTracker.withDefaults(8)), w, h);
        }
    }

    static List<int[]> run(InstanceColorizationModel model, List<float[]> clip, int w, int h, List<Detection> boxes,
            BoxTracker tracker) throws Exception {
        InstanceFrameColorizer c = new InstanceFrameColorizer((f, l, fw, fh) -> boxes.get(f) == null ? List.of() : List.of(boxes.get(f)),
                model, tracker, new DetectionTable(), new StageTimes());
        List<int[]> out = new ArrayList<>();
        for (int f = 0; f < clip.size(); f++) {
            out.add(c.colorize(f, clip.get(f), w, h));
        }
        return out;
    }

    static void report(String name, List<int[]> out, int w, int h) {
        double object = 0, background = 0;
        long no = 0, nb = 0;
        for (int f = 1; f < out.size(); f++) {
            int[] a = out.get(f - 1), b = out.get(f);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double din = inside(f, x, y), dprev = inside(f - 1, x - 2, y - 1);
                    if (din < -3 && dprev < -3) {
                        object += sq(b[y * w + x], a[(y - 1) * w + x - 2]);
                        no++;
                    } else if (din > 12 && inside(f - 1, x, y) > 12) {
                        background += sq(b[y * w + x], a[y * w + x]);
                        nb++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-32s object flicker %.6f  background flicker %.6f  (%d / %d pixel pairs)%n",
                name, object / no, background / nb, no, nb);
    }

    static double sq(int p, int q) {
        double s = 0;
        for (int sh = 0; sh <= 16; sh += 8) {
            double d = (((p >> sh) & 0xff) - ((q >> sh) & 0xff)) / 255.0;
            s += d * d;
        }
        return s / 3;
    }

    /** Centre of the ellipse in frame f. */
    static double cx(int f) {
        return 110 + 2 * f;
    }

    static double cy(int f) {
        return 110 + f;
    }

    static final double RX = 60, RY = 45;

    /** Signed distance-like measure in pixels: negative inside the ellipse, positive outside. */
    static double inside(int f, int x, int y) {
        double dx = (x + 0.5 - cx(f)) / RX, dy = (y + 0.5 - cy(f)) / RY;
        return (Math.sqrt(dx * dx + dy * dy) - 1) * Math.min(RX, RY);
    }

    static Detection trueBox(int f) {
        return new Detection(18, "dog", 0.95f, (float) (cx(f) - RX), (float) (cy(f) - RY), (float) (cx(f) + RX),
                (float) (cy(f) + RY));
    }

    /** L* of frame f: a static textured background and the moving textured ellipse. */
    static float[] frame(int f, int w, int h) {
        float[] l = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double g;
                if (inside(f, x, y) < 0) {
                    double ox = x - cx(f), oy = y - cy(f); // texture moves with the object
                    g = 0.35 + 0.1 * Math.sin(ox / 5.0) * Math.cos(oy / 7.0);
                } else {
                    g = 0.55 + 0.25 * y / h + 0.08 * Math.sin(x / 9.0 + y / 13.0);
                }
                double gray = Math.round(Math.max(0, Math.min(1, g)) * 255) / 255.0;
                l[y * w + x] = (float) Lab.grayToL(gray);
            }
        }
        return l;
    }
}
