package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.gui.Line;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import java.awt.Color;
import java.awt.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.cli.HeadlessLauncher;
import org.colorizevideo.hints.ColourHint;
import org.colorizevideo.hints.RoiHints;
import org.colorizevideo.io.PngWriter;
import org.colorizevideo.model.DeviceChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colorize Keyframe: selections with stroke colours as hints, through a model that follows its hints
 * (test-data/models/tiny-hints), against the same pipeline in PyTorch with the hints painted the same
 * way (test-data/scripts/make_hint_fixtures.py); and every bad input refused in one sentence with
 * nothing written.
 */
class ColorizeKeyframeTest {

    @TempDir
    Path tmp;

    private static JsonObject hintsJson() throws Exception {
        return JsonParser.parseString(Files.readString(Fixtures.testData("hints", "hints.json"))).getAsJsonObject();
    }

    /** The fixture's hints as ImageJ selections: clicks as point selections, areas as rectangles. */
    private static List<Roi> fixtureRois() throws Exception {
        List<Roi> rois = new ArrayList<>();
        for (var e : hintsJson().getAsJsonArray("hints")) {
            JsonObject h = e.getAsJsonObject();
            JsonArray xs = h.getAsJsonArray("xs"), ys = h.getAsJsonArray("ys"), rgb = h.getAsJsonArray("rgb");
            Roi roi;
            if (h.get("clicks").getAsBoolean()) {
                roi = new PointRoi(xs.get(0).getAsInt(), ys.get(0).getAsInt());
            } else {
                int x0 = xs.get(0).getAsInt(), y0 = ys.get(0).getAsInt();
                int x1 = xs.get(xs.size() - 1).getAsInt(), y1 = ys.get(ys.size() - 1).getAsInt();
                roi = new Roi(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
                assertEquals(xs.size(), roi.getContainedPoints().length, "the rectangle covers the fixture's pixels");
            }
            roi.setStrokeColor(new Color(rgb.get(0).getAsInt(), rgb.get(1).getAsInt(), rgb.get(2).getAsInt()));
            roi.setPosition(h.get("frame").getAsInt() + 1);
            rois.add(roi);
        }
        return rois;
    }

    private Path roiSet(List<Roi> rois) throws Exception {
        Path zip = Files.createTempFile(tmp, "hints", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < rois.size(); i++) {
                out.putNextEntry(new ZipEntry(String.format("hint-%d.roi", i + 1)));
                out.write(RoiEncoder.saveAsByteArray(rois.get(i)));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void keyframeFromARoiSetMatchesPyTorch() throws Exception {
        Path keys = tmp.resolve("keys");
        int status = new HeadlessLauncher().run("--headless", "--run", "Colorize Keyframe",
                "input='" + Fixtures.grayFrames() + "',frame=3,hints='" + roiSet(fixtureRois()) + "',model='"
                        + Fixtures.model("tiny-hints") + "',device='cpu',spread=false,output='" + keys + "'");
        assertEquals(0, status);
        assertEquals(List.of(keys.resolve("00002.png")), Fixtures.pngs(keys), "one keyframe named by its 0-based frame");
        int[] expected = Fixtures.readRgb(Fixtures.testData("reference", "tiny-hints", "frame_002.png"));
        int[] actual = Fixtures.readRgb(keys.resolve("00002.png"));
        int within1 = 0, worst = 0;
        for (int p = 0; p < expected.length; p++) {
            int d = Fixtures.maxChannelDiff(expected[p], actual[p]);
            worst = Math.max(worst, d);
            within1 += d <= 1 ? 1 : 0;
        }
        System.out.printf("Colorize Keyframe vs PyTorch: %d of %d pixels within 1 level (max %d)%n", within1, expected.length, worst);
        assertTrue(within1 >= 0.999 * expected.length, "only " + within1 + " of " + expected.length + " within 1 level");
    }

    @Test
    void hintColoursAreScikitImageLab() throws Exception {
        JsonArray fixture = hintsJson().getAsJsonArray("hints");
        List<ColourHint> hints = RoiHints.fromRois(fixtureRois(), 100, 72, 6, 0);
        assertEquals(fixture.size(), hints.size());
        for (int i = 0; i < hints.size(); i++) {
            JsonArray ab = fixture.get(i).getAsJsonObject().getAsJsonArray("ab");
            assertEquals(ab.get(0).getAsDouble(), hints.get(i).a(), 1e-3);
            assertEquals(ab.get(1).getAsDouble(), hints.get(i).b(), 1e-3);
            assertEquals(2, hints.get(i).frame());
        }
        assertTrue(hints.get(0).clicks());
        assertFalse(hints.get(1).clicks());
    }

    @Test
    void aLinePaintsThePixelsAlongIt() throws Exception {
        Line line = new Line(10, 20, 15, 20);
        line.setStrokeColor(Color.ORANGE);
        ColourHint h = RoiHints.fromRois(List.of(line), 100, 72, 1, 0).get(0);
        List<Point> pixels = new ArrayList<>();
        for (int i = 0; i < h.xs().length; i++) {
            pixels.add(new Point(h.xs()[i], h.ys()[i]));
        }
        for (int x = 10; x < 15; x++) {
            assertTrue(pixels.contains(new Point(x, 20)), "pixel " + x + ",20 of the line: " + pixels);
        }
        assertTrue(pixels.stream().allMatch(p -> p.y == 20 && p.x >= 10 && p.x <= 15), pixels.toString());
    }

    private ColorizeKeyframeJob.Request request(Path input, Path hints, String model, Path output, boolean overwrite) {
        return new ColorizeKeyframeJob.Request(null, input, 3, null, hints, model, Double.NaN, 3, DeviceChoice.CPU, output,
                overwrite, false);
    }

    private static void assertRefused(String fragment, ColorizeKeyframeJob.Request r) {
        ColorizeException e = assertThrows(ColorizeException.class, () -> ColorizeKeyframeJob.run(r));
        assertFalse(e.getMessage().contains("\n"), "one sentence: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void badInputIsRefusedInOneSentenceAndNothingIsWritten() throws Exception {
        Path gray = Fixtures.grayFrames(), out = tmp.resolve("keys");
        String model = Fixtures.model("tiny-hints").toString();

        Roi outside = new Roi(95, 60, 20, 20);
        outside.setStrokeColor(Color.RED);
        assertRefused("outside the 100x72 frame", request(gray, roiSet(List.of(outside)), model, out, false));

        Roi colourless = new Roi(10, 10, 5, 5);
        assertRefused("has no colour", request(gray, roiSet(List.of(colourless)), model, out, false));

        Path notRois = tmp.resolve("notes.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(notRois))) {
            zip.putNextEntry(new ZipEntry("a.roi"));
            zip.write("not a selection".getBytes());
        }
        assertRefused("is not an ImageJ selection", request(gray, notRois, model, out, false));
        Path text = Files.writeString(tmp.resolve("hints.roi"), "hello");
        assertRefused("is not an ImageJ selection", request(gray, text, model, out, false));

        Path hints = roiSet(fixtureRois());
        assertRefused("takes no colour hints", request(gray, hints, Fixtures.model("tiny-ab").toString(), out, false));

        Path colour = tmp.resolve("colour");
        Files.createDirectories(colour);
        int[] rgb = new int[100 * 72];
        java.util.Arrays.fill(rgb, 0x30a050);
        for (int i = 0; i < 4; i++) {
            new PngWriter().write(rgb, 100, 72, colour.resolve(String.format("f%d.png", i)));
        }
        assertRefused("already in colour", request(colour, hints, model, out, false));

        Roi elsewhere = new Roi(10, 10, 5, 5);
        elsewhere.setStrokeColor(Color.RED);
        elsewhere.setPosition(1);
        assertRefused("No hint lies on frame 3", request(gray, roiSet(List.of(elsewhere)), model, out, false));

        Roi beyond = new Roi(10, 10, 5, 5);
        beyond.setStrokeColor(Color.RED);
        beyond.setPosition(40);
        assertRefused("the clip has 6 frames", request(gray, roiSet(List.of(beyond)), model, out, false));

        assertFalse(Files.exists(out), "nothing written for refused input");

        Files.createDirectories(out);
        byte[] before = new byte[] {1, 2, 3};
        Files.write(out.resolve("00002.png"), before);
        assertRefused("exists already", request(gray, hints, model, out, false));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("00002.png")), "an existing keyframe is left alone");
        ColorizeKeyframeJob.run(request(gray, hints, model, out, true));
        assertEquals(List.of(out.resolve("00002.png")), Fixtures.pngs(out), "replaced, no temporary file left");
    }

    @Test
    void withoutANetworkTheHintsAloneColourTheFrame() throws Exception {
        Path out = tmp.resolve("keys-none");
        ColorizeKeyframeJob.Request r = new ColorizeKeyframeJob.Request(null, Fixtures.grayFrames(), 3, null,
                roiSet(fixtureRois()), "none", Double.NaN, 3, DeviceChoice.CPU, out, false, true);
        ColorizeKeyframeJob.Result made = ColorizeKeyframeJob.run(r);
        assertTrue(made.made().model().startsWith("none"), made.made().model());
        int[] rgb = Fixtures.readRgb(out.resolve("00002.png"));
        double[] lab = new double[3];
        JsonArray hints = hintsJson().getAsJsonArray("hints");
        for (var e : hints) {
            JsonObject h = e.getAsJsonObject();
            JsonArray xs = h.getAsJsonArray("xs"), ys = h.getAsJsonArray("ys"), ab = h.getAsJsonArray("ab");
            double sa = 0, sb = 0, ea = 0, eb = 0;
            for (int i = 0; i < xs.size(); i++) {
                org.colorizevideo.color.Lab.rgbToLab(rgb[ys.get(i).getAsInt() * 100 + xs.get(i).getAsInt()], lab);
                sa += lab[1];
                sb += lab[2];
                // the hint's colour at this pixel's own L*, as the plugin can show it (gamut-clipped sRGB)
                org.colorizevideo.color.Lab.rgbToLab(org.colorizevideo.color.FastLab.labToRgb((float) lab[0],
                        ab.get(0).getAsFloat(), ab.get(1).getAsFloat()), lab);
                ea += lab[1];
                eb += lab[2];
            }
            int n = xs.size();
            System.out.printf("model=none: hint a*b* (%.1f, %.1f), shown at the pixels' L* (%.1f, %.1f), keyframe there "
                    + "(%.1f, %.1f)%n", ab.get(0).getAsDouble(), ab.get(1).getAsDouble(), ea / n, eb / n, sa / n, sb / n);
            // every hint, the small click next to the large area too, keeps its own colour where it lies
            assertEquals(ea / n, sa / n, 6, "a* at hint " + h);
            assertEquals(eb / n, sb / n, 6, "b* at hint " + h);
        }
        assertRefused("needs spread=true", new ColorizeKeyframeJob.Request(null, Fixtures.grayFrames(), 3, null,
                roiSet(fixtureRois()), "none", Double.NaN, 3, DeviceChoice.CPU, tmp.resolve("never"), false, false));
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void aHintsBlockThatDoesNotFitTheGraphIsNamed() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("models"));
        Files.copy(Fixtures.model("tiny-hints"), dir.resolve("m.onnx"));
        String json = Files.readString(Fixtures.testData("models", "tiny-hints.json"));
        Files.writeString(dir.resolve("m.json"), json.replace("\"mask\": \"hint_mask\"", "\"mask\": \"ab_hint\"")
                .replace("\"abScale\": 1.0", "\"abScale\": 0.0"));
        ColorizeException e = assertThrows(ColorizeException.class, () -> ColorizeKeyframeJob.run(
                request(Fixtures.grayFrames(), roiSet(fixtureRois()), dir.resolve("m.json").toString(), null, false)));
        assertTrue(e.getMessage().contains("hint mask input 'ab_hint' must be N x 1 x H x W, but its manifest says ?x2x32x48"),
                e.getMessage());
        assertTrue(e.getMessage().contains("names the same input 'ab_hint' for hint ab and hint mask"), e.getMessage());
        assertTrue(e.getMessage().contains("hints.abScale 0.0; it must be above 0"), e.getMessage());
    }

    @Test
    void theHintsMacroColoursAKeyframeAndTheClipFromIt() throws Exception {
        Path input = tmp.resolve("film.tif");
        assertTrue(new ij.io.FileSaver(MacrosTest.fixtureStack()).saveAsTiffStack(input.toString()));
        Path work = tmp.resolve("work");
        MacrosTest.ij1().runMacro(Files.readString(Fixtures.project().resolve("macros/colorize_from_hints.ijm")),
                "input=[" + input + "] work=[" + work + "] model=[" + Fixtures.model("tiny-hints") + "] frame=3");
        Path keyframe = work.resolve("keyframes").resolve("00002.png");
        assertTrue(Files.isRegularFile(keyframe), "the macro wrote the keyframe");
        // the same selections, drawn in Java and given to the headless command as a RoiSet, make the same keyframe
        List<Roi> same = new ArrayList<>();
        Roi click = new PointRoi(20, 30), area = new Roi(60, 50, 20, 10), line = new Line(70, 8, 95, 14);
        click.setStrokeColor(new Color(0xc8, 0x28, 0x28));
        area.setStrokeColor(new Color(0x28, 0x5a, 0xd2));
        line.setStrokeColor(new Color(0x3c, 0xb4, 0x3c));
        for (Roi r : List.of(click, area, line)) {
            r.setPosition(3);
            same.add(r);
        }
        Path again = tmp.resolve("again");
        assertEquals(0, new HeadlessLauncher().run("--headless", "--run", "Colorize Keyframe", "input='" + input
                + "',frame=3,hints='" + roiSet(same) + "',model='" + Fixtures.model("tiny-hints")
                + "',device='cpu',output='" + again + "'"));
        assertArrayEquals(Fixtures.readRgb(again.resolve("00002.png")), Fixtures.readRgb(keyframe));
        ij.ImagePlus clip = ij.IJ.openImage(work.resolve("colour").resolve("film.tif").toString());
        assertEquals(6, clip.getStackSize(), "the clip coloured from the keyframe (a TIFF in, a TIFF out)");
        // the blue area hint carries into the clip (the exemplar model, bundled): strongly blue there on the
        // keyframe's frame and its neighbours (frames before the first keyframe take it too)
        double[] lab = new double[3];
        for (int slice = 1; slice <= 6; slice++) {
            int[] rgb = MacrosTest.rgb(clip, slice);
            double b = 0;
            for (int y = 50; y < 60; y++) {
                for (int x = 60; x < 80; x++) {
                    org.colorizevideo.color.Lab.rgbToLab(rgb[y * 100 + x], lab);
                    b += lab[2] / 200;
                }
            }
            System.out.printf("frame %d: mean b* in the blue hint's area %.1f%n", slice, b);
            if (slice >= 2 && slice <= 4) {
                assertTrue(b < -40, "frame " + slice + ": b* " + b + ", not the hint's blue");
            }
        }
    }
}
