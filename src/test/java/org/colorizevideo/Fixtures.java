package org.colorizevideo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.colorizevideo.model.ModelLocator;

/** Paths of the committed fixtures (made by test-data/scripts/make_fixtures.py) and small readers. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path project() {
        return Paths.get(System.getProperty("colorize.projectDir", ".")).toAbsolutePath();
    }

    public static Path testData(String... parts) {
        return Paths.get(project().resolve("test-data").toString(), parts);
    }

    public static Path grayFrames() {
        return testData("frames", "gray");
    }

    public static Path model(String name) {
        return testData("models", name + ".onnx");
    }

    /** A locator that only knows the test models. */
    public static ModelLocator testModels() {
        return new ModelLocator(List.of(testData("models")));
    }

    public static List<Path> pngs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    /** Packed 0xRRGGBB pixels of a PNG. */
    public static int[] readRgb(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xffffff;
        }
        return px;
    }

    public static ByteBuffer readLittleEndian(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Largest per-channel difference between two packed pixels. */
    public static int maxChannelDiff(int p, int q) {
        int d = 0;
        for (int s = 0; s <= 16; s += 8) {
            d = Math.max(d, Math.abs(((p >> s) & 0xff) - ((q >> s) & 0xff)));
        }
        return d;
    }

    /** SHA-256 over the files of a folder (name + content), to prove an input was not touched. */
    public static String digest(Path dir) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                md.update(dir.relativize(p).toString().getBytes());
                if (Files.isRegularFile(p)) {
                    md.update(Files.readAllBytes(p));
                }
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
