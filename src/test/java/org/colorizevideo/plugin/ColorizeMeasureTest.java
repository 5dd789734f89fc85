package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import net.imagej.patcher.LegacyEnvironment;
import org.colorizevideo.Fixtures;
import org.colorizevideo.cli.HeadlessLauncher;
import org.colorizevideo.io.RgbFrameSources;
import org.colorizevideo.metrics.ClipMeasure;
import org.colorizevideo.metrics.MetricsTable;
import org.colorizevideo.metrics.Psnr;
import org.colorizevideo.metrics.RgbFrame;
import org.colorizevideo.metrics.Ssim;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

/** Colorize Measure headless: the launcher's CSV and plot, the SciJava command, and an IJ1 macro's getResult. */
class ColorizeMeasureTest {

    static final String HEADER = "Frame,PSNR,SSIM,Colorfulness,CDC,WarpError,LPIPS";

    @TempDir
    Path tmp;

    static Path warp(String clip) {
        return Fixtures.testData("warp", clip);
    }

    static RgbFrame frame(String clip, int t) throws Exception {
        return RgbFrameSources.open(warp(clip), clip).frame(t);
    }

    /** The engine's own table for the fixture clip, single-threaded. */
    static MetricsTable direct;

    @BeforeAll
    static void measureDirectly() throws Exception {
        direct = ClipMeasure.measure(RgbFrameSources.open(warp("result"), "result"),
                RgbFrameSources.open(warp("reference"), "reference"), RgbFrameSources.open(warp("input"), "input"),
                new ClipMeasure.Settings("dis-medium", null, 1), ProgressListener.NONE, Cancellation.NEVER);
    }

    private static String[] cells(String line) {
        return line.split(",", -1);
    }

    @Test
    void launcherWritesCsvAndPlot() throws Exception {
        Path out = tmp.resolve("metrics");
        int status = new HeadlessLauncher().run("--headless", "--run", "Colorize Measure",
                "result='" + warp("result") + "',reference='" + warp("reference") + "',input='" + warp("input")
                        + "',output='" + out + "',lpips='" + Fixtures.testData("models", "tiny-lpips.onnx") + "',threads=2");
        assertEquals(0, status);

        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(HEADER, lines.get(0));
        assertEquals(1 + 6 + 1, lines.size());
        String lpipsRef = Files.readString(Fixtures.testData("models", "tiny-lpips-reference.json"));
        double[] lpips = java.util.Arrays.stream(lpipsRef.replaceAll("(?s).*\"distances\": \\[(.*?)\\].*", "$1").split(","))
                .mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        double psnrSum = 0;
        for (int t = 0; t < 6; t++) {
            String[] c = cells(lines.get(1 + t));
            assertEquals(7, c.length, lines.get(1 + t));
            assertEquals(String.valueOf(t + 1), c[0]);
            RgbFrame res = frame("result", t);
            RgbFrame ref = frame("reference", t);
            assertEquals(Psnr.compute(res, ref), Double.parseDouble(c[1]), 0.0, "PSNR frame " + t);
            assertEquals(Ssim.compute(res, ref), Double.parseDouble(c[2]), 0.0, "SSIM frame " + t);
            assertEquals(direct.value(MetricsTable.COLORFULNESS, t), Double.parseDouble(c[3]), 0.0);
            assertEquals("", c[4], "CDC is clip-level only");
            if (t == 0) {
                assertEquals("", c[5], "no pair ends at the first frame");
            } else {
                assertEquals(direct.value(MetricsTable.WARP, t), Double.parseDouble(c[5]), 1e-12, "warp frame " + t);
            }
            assertEquals(lpips[t], Double.parseDouble(c[6]), 2e-5, "LPIPS frame " + t);
            psnrSum += Psnr.compute(res, ref);
        }
        String[] mean = cells(lines.get(7));
        assertEquals("mean", mean[0]);
        assertEquals(psnrSum / 6, Double.parseDouble(mean[1]), 1e-12);
        assertEquals(direct.summary(MetricsTable.CDC), Double.parseDouble(mean[4]), 0.0);
        assertEquals(direct.summary(MetricsTable.WARP), Double.parseDouble(mean[5]), 1e-12);

        BufferedImage png = ImageIO.read(out.resolve("metrics.png").toFile());
        assertTrue(png.getWidth() >= 500 && png.getHeight() >= 5 * 150, png.getWidth() + "x" + png.getHeight());
        int curve = 0;
        int white = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int p = png.getRGB(x, y) & 0xffffff;
                curve += p == 0x1f77b4 ? 1 : 0;
                white += p == 0xffffff ? 1 : 0;
            }
        }
        assertTrue(curve > 5 * 100, "the five curves are drawn (" + curve + " curve pixels)");
        assertTrue(white > png.getWidth() * png.getHeight() / 2, "a plot, not noise");
        System.out.println("metrics.csv:\n" + String.join("\n", lines));
    }

    @Test
    void commandWithoutReferenceOrLpipsSaysNotApplicable() throws Exception {
        Path out = tmp.resolve("m");
        try (Context context = new Context()) {
            context.service(CommandService.class).run(ColorizeMeasureCommand.class, true,
                    "result", warp("result").toFile(), "input", warp("input").toString(), "output", out.toFile()).get();
        }
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("Frame,Colorfulness,CDC,WarpError,LPIPS", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.endsWith("," + MetricsTable.LPIPS_NOT_CONFIGURED), line);
        }
        assertEquals(direct.summary(MetricsTable.WARP), Double.parseDouble(cells(lines.get(7))[3]), 1e-12);
    }

    @Test
    void mismatchedClipsAreRefusedWithASentence() throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        int status;
        try {
            status = new HeadlessLauncher().run("--headless", "--run", "Colorize Measure",
                    "result='" + warp("result") + "',reference='" + Fixtures.grayFrames() + "',output='" + tmp.resolve("x") + "'");
        } finally {
            System.setErr(old);
        }
        assertEquals(1, status);
        String err = buf.toString();
        assertTrue(err.contains("failed: The reference") && err.contains("must"), err);
        assertTrue(!Files.exists(tmp.resolve("x").resolve("metrics.csv")));
    }

    @Test
    void macroReadsTheResultsTable() throws Exception {
        Path out = tmp.resolve("macro");
        Path values = tmp.resolve("values.txt");
        LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
        ij1.addPluginClasspath(FacesAgreeTest.pluginClasspath());
        ij1.runMacro("run(\"Colorize Measure\", \"result=[" + warp("result") + "] reference=[" + warp("reference")
                + "] input=[" + warp("input") + "] output=[" + out + "] flow=dis-medium threads=1\");\n"
                + "File.saveString(d2s(getResult(\"PSNR\", 0), 12) + \"\\n\" + d2s(getResult(\"WarpError\", nResults - 1), 12)"
                + " + \"\\n\" + nResults + \"\\n\" + getResultString(\"Frame\", nResults - 1) + \"\\n\" + getResultString(\"LPIPS\", 0), \""
                + values + "\");\n", "");
        List<String> v = Files.readAllLines(values);
        double psnr0 = Psnr.compute(frame("result", 0), frame("reference", 0));
        System.out.println("macro getResult(\"PSNR\", 0) = " + v.get(0) + ", Java " + psnr0 + "; mean WarpError = " + v.get(1));
        assertEquals(psnr0, Double.parseDouble(v.get(0)), 1e-9);
        assertEquals(direct.summary(MetricsTable.WARP), Double.parseDouble(v.get(1)), 1e-9);
        assertEquals("7", v.get(2));
        assertEquals("mean", v.get(3));
        assertEquals(MetricsTable.LPIPS_NOT_CONFIGURED, v.get(4));
        assertTrue(Files.exists(out.resolve("metrics.csv")) && Files.exists(out.resolve("metrics.png")));
    }

    @Test
    void openImagesCanBeNamedByTitleForEveryClip() throws Exception {
        Path values = tmp.resolve("titles.txt");
        LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
        ij1.addPluginClasspath(FacesAgreeTest.pluginClasspath());
        ij1.runMacro("setBatchMode(true);\n"
                + "File.openSequence(\"" + warp("result") + "/\"); rename(\"colour\");\n"
                + "File.openSequence(\"" + warp("reference") + "/\"); rename(\"truth\");\n"
                + "File.openSequence(\"" + warp("input") + "/\"); rename(\"gray\");\n"
                + "run(\"Colorize Measure\", \"result=colour reference=truth input=gray flow=dis-medium threads=1\");\n"
                + "File.saveString(d2s(getResult(\"PSNR\", 0), 12) + \"\\n\" + d2s(getResult(\"WarpError\", nResults - 1), 12), \""
                + values + "\");\n", "");
        List<String> v = Files.readAllLines(values);
        assertEquals(Psnr.compute(frame("result", 0), frame("reference", 0)), Double.parseDouble(v.get(0)), 1e-9);
        assertEquals(direct.summary(MetricsTable.WARP), Double.parseDouble(v.get(1)), 1e-9);
    }
}
