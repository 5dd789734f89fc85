package org.colorizevideo.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.colorizevideo.io.PngWriter;

/** Small clips made in the test: frame folders with two shots, and video files through Debian's ffmpeg. */
final class Clips {

    private Clips() {
    }

    static Path projectDir() {
        return Path.of(System.getProperty("colorize.projectDir", "..")).toAbsolutePath().normalize();
    }

    /**
     * A gray clip of {@code frames} frames of w x h: a bright disc moving over a soft gradient; from frame
     * {@code cut} on, another scene (a vertical gradient, a dark disc moving the other way).
     */
    static Path twoShots(Path dir, int frames, int cut, int w, int h) throws IOException {
        Files.createDirectories(dir);
        PngWriter png = new PngWriter();
        for (int t = 0; t < frames; t++) {
            int[] rgb = new int[w * h];
            boolean second = t >= cut;
            double cx = second ? w - 8 - 2.0 * (t - cut) : 8 + 2.0 * t, cy = h / 2.0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double g = second ? 200 - 150.0 * y / h : 40 + 120.0 * x / w;
                    double d = Math.hypot(x - cx, y - cy);
                    if (d < h / 4.0) {
                        g = second ? 20 : 235;
                    }
                    int v = (int) Math.round(g);
                    rgb[y * w + x] = v << 16 | v << 8 | v;
                }
            }
            png.write(rgb, w, h, dir.resolve(String.format("f%03d.png", t)));
        }
        return dir;
    }

    static void assumeFfmpeg() {
        boolean ok;
        try {
            ok = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        assumeTrue(ok, "ffmpeg not installed (.ci/install-deps installs it)");
    }

    static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "ffmpeg " + cmd + ": " + out);
    }

    /** An MP4 (H.264, 25 fps) of a frame folder's PNGs, with a 440 Hz AAC tone as its sound. */
    static Path mp4(Path frames, String pattern, Path out) throws IOException, InterruptedException {
        ffmpeg("-framerate", "25", "-i", frames.resolve(pattern).toString(), "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100:duration=3", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "8",
                "-c:a", "aac", "-b:a", "64k", "-shortest", out.toString());
        return out;
    }

    /** A colour MP4 (FFmpeg's test pattern). */
    static Path colourMp4(Path out) throws IOException, InterruptedException {
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=25:duration=0.4", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                out.toString());
        return out;
    }

    /** Every file under a (file or) folder, byte for byte, with the same relative names. */
    static void assertSameTree(Path expected, Path actual) throws IOException {
        assertTrue(Files.exists(actual), actual + " missing");
        if (Files.isRegularFile(expected)) {
            assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), actual + " differs from " + expected);
            return;
        }
        List<Path> e = files(expected), a = files(actual);
        assertEquals(e.stream().map(p -> expected.relativize(p).toString()).toList(),
                a.stream().map(p -> actual.relativize(p).toString()).toList(), "files of " + actual);
        for (int i = 0; i < e.size(); i++) {
            assertArrayEquals(Files.readAllBytes(e.get(i)), Files.readAllBytes(a.get(i)), a.get(i) + " differs from " + e.get(i));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** A colourful keyframe: hues across, brightness down; {@code variant} shifts the hues. */
    static void colourFrame(Path file, int w, int h, int variant) throws IOException {
        int[] rgb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = 2 * Math.PI * x / w + Math.PI * variant, v = 0.4 + 0.6 * y / h;
                int r = (int) Math.round(v * (128 + 120 * Math.sin(a)));
                int g = (int) Math.round(v * (128 + 120 * Math.sin(a + 2.1)));
                int b = (int) Math.round(v * (128 + 120 * Math.sin(a + 4.2)));
                rgb[y * w + x] = r << 16 | g << 8 | b;
            }
        }
        new PngWriter().write(rgb, w, h, file);
    }
}
