package org.colorizevideo.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.colorizevideo.color.Lab;
import org.colorizevideo.instance.Detection;
import org.colorizevideo.instance.Detector;
import org.colorizevideo.model.DeviceChoice;

/**
 * Runs a detector on colour image files as the plugin would see them in gray (a command, not a test):
 *
 * <pre>java -cp ... org.colorizevideo.bench.DetectFrames DETECTOR.onnx [--repeat N] [--dump-l DIR] IMAGE...</pre>
 *
 * Each image is converted to its L* plane (sRGB, D65, {@link Lab}) and given to {@link Detector#detect};
 * every detection is printed (label id, category, score, box in pixels) with the time of the call.
 * {@code --repeat N} times N further calls per image and prints their median. {@code --dump-l DIR}
 * writes each L* plane as little-endian float32 {@code DIR/NAME.L.bin} (for the TF.js comparison of
 * models/export/tfjs_reference.js).
 */
public final class DetectFrames {

    private DetectFrames() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DetectFrames DETECTOR.onnx [--repeat N] [--dump-l DIR] IMAGE...");
            System.exit(2);
        }
        Path onnx = Path.of(args[0]);
        int repeat = 0;
        Path dump = null;
        List<Path> images = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--dump-l" -> dump = Path.of(args[++i]);
                default -> images.add(Path.of(args[i]));
            }
        }
        long t0 = System.nanoTime();
        try (Detector detector = Detector.open(onnx, DeviceChoice.CPU)) {
            System.out.printf("opened %s (%s) in %.0f ms%n", detector.name(), detector.device(),
                    (System.nanoTime() - t0) / 1e6);
            for (Path image : images) {
                BufferedImage img = ImageIO.read(image.toFile());
                int w = img.getWidth(), h = img.getHeight();
                float[] l = lStar(img);
                if (dump != null) {
                    Files.createDirectories(dump);
                    String stem = image.getParent().getFileName() + "_" + image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    write(dump.resolve(stem + ".L.bin"), l);
                }
                long s = System.nanoTime();
                List<Detection> found = detector.detect(l, w, h);
                double first = (System.nanoTime() - s) / 1e6;
                double[] times = new double[repeat];
                for (int r = 0; r < repeat; r++) {
                    long a = System.nanoTime();
                    detector.detect(l, w, h);
                    times[r] = (System.nanoTime() - a) / 1e6;
                }
                Arrays.sort(times);
                System.out.printf("%s %dx%d: %d detections, first call %.0f ms%s%n", image, w, h, found.size(), first,
                        repeat > 0 ? String.format(", median of %d more %.0f ms", repeat, times[repeat / 2]) : "");
                for (Detection d : found) {
                    System.out.printf("  %2d %-14s %.3f  [%.1f, %.1f, %.1f, %.1f]%n", d.label(), d.name(), d.score(),
                            d.x0(), d.y0(), d.x1(), d.y1());
                }
            }
        }
    }

    /** The L* plane (sRGB, D65) of an RGB image, row-major. */
    public static float[] lStar(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        float[] l = new float[w * h];
        double[] lab = new double[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Lab.rgbToLab(img.getRGB(x, y), lab);
                l[y * w + x] = (float) lab[0];
            }
        }
        return l;
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(b.array());
        }
    }
}
