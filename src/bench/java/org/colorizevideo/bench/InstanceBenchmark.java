package org.colorizevideo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.colorizevideo.instance.InstanceBox;
import org.colorizevideo.instance.InstanceColorizationModel;
import org.colorizevideo.model.DeviceChoice;

/**
 * Per-frame time of InstColorization with 0, 1 and 8 instances (a command, not a test):
 *
 * <pre>java -cp ... org.colorizevideo.bench.InstanceBenchmark [target/instcolor-export/instcolor_rand.json]
 *     [--size 640x480] [--repeat 3] [--device cpu]</pre>
 *
 * The frame is a synthetic 8-bit gradient with texture; the boxes are fixed, of various sizes and
 * overlapping. Weights do not change the cost, so the random-init export of the tests is enough. Each
 * count is run once to warm up, then {@code repeat} times; min and median wall time per frame are
 * printed (preprocessing, geometry and ONNX Runtime together).
 */
public final class InstanceBenchmark {

    private InstanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of("target/instcolor-export/instcolor_rand.json");
        int w = 640;
        int h = 480;
        int repeat = 3;
        DeviceChoice device = DeviceChoice.CPU;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> {
                    String[] wh = args[++i].split("x");
                    w = Integer.parseInt(wh[0]);
                    h = Integer.parseInt(wh[1]);
                }
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--device" -> device = DeviceChoice.parse(args[++i]);
                default -> manifest = Path.of(args[i]);
            }
        }
        int[] gray = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                gray[y * w + x] = (x * 200 / w + y * 55 / h + ((x / 8 + y / 8) % 2) * 20) % 256;
            }
        }
        List<InstanceBox> all = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            int x0 = (k * 73) % (w / 2);
            int y0 = (k * 41) % (h / 2);
            int bw = w / 8 + (k * 37) % (w / 3);
            int bh = h / 8 + (k * 53) % (h / 3);
            all.add(new InstanceBox(x0, y0, Math.min(w, x0 + bw), Math.min(h, y0 + bh), 1f - k * 0.05f));
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s; frame %dx%d; %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), w, h, manifest);
        try (InstanceColorizationModel model = InstanceColorizationModel.open(manifest, device)) {
            System.out.println("| instances | min ms | median ms | device |");
            System.out.println("|---|---|---|---|");
            for (int n : new int[] {0, 1, 8}) {
                List<InstanceBox> boxes = all.subList(0, n);
                model.colorizeGray(gray, w, h, boxes);
                double[] ms = new double[repeat];
                for (int r = 0; r < repeat; r++) {
                    long t0 = System.nanoTime();
                    model.colorizeGray(gray, w, h, boxes);
                    ms[r] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %s |%n", n, ms[0], ms[repeat / 2], model.device());
            }
        }
    }
}
