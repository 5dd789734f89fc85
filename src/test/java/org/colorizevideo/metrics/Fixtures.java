package org.colorizevideo.metrics;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/** Access to test-data/metrics (made by test-data/scripts/make_metric_fixtures.py). */
final class Fixtures {

    private static Map<String, Object> reference;

    private Fixtures() {
    }

    static Path dir() {
        String base = System.getProperty("colorize.projectDir", System.getProperty("user.dir"));
        return Path.of(base, "test-data", "metrics");
    }

    @SuppressWarnings("unchecked")
    static synchronized Map<String, Object> reference() {
        if (reference == null) {
            try {
                String text = Files.readString(dir().resolve("reference.json"), StandardCharsets.UTF_8);
                reference = (Map<String, Object>) MiniJson.parse(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reference;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    static double num(Map<String, Object> m, String key) {
        return (Double) m.get(key);
    }

    @SuppressWarnings("unchecked")
    static double[] nums(Object list) {
        List<Object> l = (List<Object>) list;
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (Double) l.get(i);
        }
        return a;
    }

    /** Loads a fixture PNG as packed 0xRRGGBB pixels (alpha byte cleared). */
    static RgbFrame load(String file) {
        return loadFrom(dir().resolve(file));
    }

    /** Loads any PNG as packed 0xRRGGBB pixels (alpha byte cleared; gray PNGs become neutral RGB). */
    static RgbFrame loadFrom(Path path) {
        String file = path.toString();
        try {
            BufferedImage img = ImageIO.read(path.toFile());
            if (img == null) {
                throw new IOException("not an image: " + file);
            }
            int w = img.getWidth();
            int h = img.getHeight();
            if (img.getRaster().getNumBands() == 1) {
                // Raw gray levels: getRGB would convert Java's linear gray space to sRGB.
                int[] g = img.getRaster().getPixels(0, 0, w, h, (int[]) null);
                int[] px = new int[g.length];
                for (int i = 0; i < g.length; i++) {
                    px[i] = g[i] << 16 | g[i] << 8 | g[i];
                }
                return new RgbFrame(w, h, px);
            }
            int[] px = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < px.length; i++) {
                px[i] &= 0xffffff;
            }
            return new RgbFrame(w, h, px);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
