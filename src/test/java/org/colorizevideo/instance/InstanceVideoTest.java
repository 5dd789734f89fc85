package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import net.imagej.patcher.LegacyEnvironment;
import org.colorizevideo.Fixtures;
import org.colorizevideo.cli.HeadlessLauncher;
import org.colorizevideo.color.Lab;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.plugin.FacesAgreeTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colorize Video with detector= and instances=: the headless launcher and a recorded IJ1 macro give
 * identical frames and detection tables, the table holds what the detector finds (score filter and
 * cap applied), and half-given options are refused before anything is written. Uses the random-init
 * exports of {@link DetectorTest} and {@link InstanceFusionTest}.
 */
class InstanceVideoTest {

    static Path detector;
    static Path instances;
    static Path input;
    static int width;
    static int height;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void exports() throws Exception {
        DetectorTest.export();
        DetectorTest.close();
        InstanceFusionTest.export();
        InstanceFusionTest.close();
        detector = DetectorTest.dir.resolve(DetectorTest.NAME + ".onnx");
        instances = InstanceFusionTest.dir.resolve("instcolor_rand.json");
        width = DetectorTest.reference.getAsJsonObject("frame").get("width").getAsInt();
        height = DetectorTest.reference.getAsJsonObject("frame").get("height").getAsInt();
        float[] l = DetectorTest.floats("L");
        // Two 8-bit gray frames: the detector's fixture and the same shifted 3 pixels to the right.
        input = tmp.resolve("input");
        Files.createDirectories(input);
        for (int f = 0; f < 2; f++) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sx = Math.max(0, x - 3 * f);
                    int g = (int) Math.round(255 * Lab.lToGray(l[y * width + sx]));
                    img.getRaster().setSample(x, y, 0, g);
                }
            }
            ImageIO.write(img, "png", input.resolve(String.format("frame%02d.png", f + 1)).toFile());
        }
    }

    static String options(Path output) {
        return "input='" + input + "',output='" + output + "',detector='" + detector + "',instances='" + instances
                + "',score=0.5,max_instances=2,device='cpu'";
    }

    @Test
    void launcherAndMacroAgreeAndTheTableHoldsTheDetections() throws Exception {
        Path viaLauncher = tmp.resolve("launcher");
        Path viaMacro = tmp.resolve("macro");
        assertEquals(0, new HeadlessLauncher().run("--headless", "--run", "Colorize Video", options(viaLauncher)));

        LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
        ij1.addPluginClasspath(FacesAgreeTest.pluginClasspath());
        ij1.runMacro("run(\"Colorize Video\", \"input=[" + input + "] output=[" + viaMacro + "] detector=[" + detector
                + "] instances=[" + instances + "] score=0.5 max_instances=2 device=cpu\");", "");

        List<Path> frames = Fixtures.pngs(viaLauncher);
        assertEquals(2, frames.size());
        for (Path f : frames) {
            assertArrayEquals(Fixtures.readRgb(f), Fixtures.readRgb(viaMacro.resolve(f.getFileName())), "macro " + f);
        }
        String csv = Files.readString(viaLauncher.resolve("detections.csv"));
        assertEquals(csv, Files.readString(viaMacro.resolve("detections.csv")));

        // Frame 1 is the first of its tracks, so its rows are the detector's own boxes, filtered.
        List<Detection> expected;
        try (Detector d = Detector.open(detector, DeviceChoice.CPU)) {
            expected = new DetectionFilter(0.5, 2).select(d.detect(luminance(input.resolve("frame01.png")), width, height));
        }
        assertFalse(expected.isEmpty(), "the fixture should give detections at score 0.5");
        List<String> rows = csv.lines().skip(1).filter(r -> r.startsWith("1,")).toList();
        assertEquals(expected.size(), rows.size(), csv);
        for (int i = 0; i < rows.size(); i++) {
            Detection e = expected.get(i);
            String[] c = rows.get(i).split(",");
            assertEquals(e.label(), Integer.parseInt(c[2]));
            assertEquals(e.score(), Float.parseFloat(c[3]), 1e-5);
            assertEquals(e.x0(), Float.parseFloat(c[4]), 1e-3);
            assertEquals(e.width(), Float.parseFloat(c[6]), 1e-3);
        }
        assertTrue(csv.lines().skip(1).filter(r -> r.startsWith("2,")).count() <= 2, "max_instances=2 per frame");
    }

    @Test
    void halfGivenOptionsAreRefusedBeforeWriting() {
        Path out = tmp.resolve("refused");
        int status = new HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                "input='" + input + "',output='" + out + "',instances='" + instances + "'");
        assertEquals(1, status);
        assertFalse(Files.exists(out));
    }

    static float[] luminance(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        float[] l = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                l[y * width + x] = (float) Lab.grayToL(img.getRaster().getSample(x, y, 0) / 255.0);
            }
        }
        return l;
    }
}
