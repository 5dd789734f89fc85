package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.progress.CancelledException;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets a sentence the user can act on, and nothing is lost or overwritten. */
class BadInputTest {

    @TempDir
    Path tmp;

    private static ColorizeSettings settings(String model, DeviceChoice device) {
        return new ColorizeSettings(model, 0.5, device, 2);
    }

    private static ColorizeVideoJob.Result run(ImagePlus image, Path input, Path output, String model, boolean overwrite,
            boolean convert, Cancellation cancel) throws ColorizeException {
        return ColorizeVideoJob.run(new ColorizeVideoJob.Request(image, input, output,
                settings(model, DeviceChoice.CPU), overwrite, convert), Fixtures.testModels(), ProgressListener.NONE, cancel);
    }

    private static ImagePlus grayStack() {
        ImageStack s = new ImageStack(40, 30);
        for (int i = 0; i < 3; i++) {
            ByteProcessor bp = new ByteProcessor(40, 30);
            for (int p = 0; p < 1200; p++) {
                bp.set(p, (p * 7 + i * 40) % 256);
            }
            s.addSlice("f" + i, bp);
        }
        return new ImagePlus("gray", s);
    }

    private static String message(Exception e) {
        return e.getMessage();
    }

    private boolean noOutputTraces(Path output) throws Exception {
        try (Stream<Path> s = Files.list(output.getParent())) {
            return !Files.exists(output) && s.noneMatch(p -> p.getFileName().toString().contains(".partial-"));
        }
    }

    @Test
    void colourRgbStackIsRefusedUnlessConvertIsSet() throws Exception {
        ImageStack s = new ImageStack(20, 10);
        ColorProcessor cp = new ColorProcessor(20, 10);
        cp.setColor(new java.awt.Color(200, 40, 40));
        cp.fill();
        s.addSlice("red", cp);
        ImagePlus rgb = new ImagePlus("colour", s);
        Path out = tmp.resolve("out");
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(rgb, null, out, "tiny-logits", false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("is a colour image, not gray") && message(e).contains("convert=true"), message(e));
        assertTrue(noOutputTraces(out));
        ColorizeVideoJob.Result ok = run(rgb, null, null, "tiny-logits", false, true, Cancellation.NEVER);
        assertEquals(1, ok.image().getStackSize());
        assertEquals(0xC82828, cp.get(0) & 0xffffff, "the input is unchanged");
    }

    @Test
    void grayRgbIsAccepted() throws Exception {
        ImageStack s = new ImageStack(20, 10);
        ColorProcessor cp = new ColorProcessor(20, 10);
        cp.setColor(new java.awt.Color(90, 90, 90));
        cp.fill();
        s.addSlice("gray", cp);
        assertEquals(1, run(new ImagePlus("g", s), null, null, "tiny-logits", false, false, Cancellation.NEVER)
                .image().getStackSize());
    }

    @Test
    void emptyFolderIsRefused() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(null, empty, tmp.resolve("out"), "tiny-logits", false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("holds no frames"), message(e));
    }

    @Test
    void hyperstackWithChannelsIsRefused() {
        ImageStack s = new ImageStack(10, 10);
        for (int i = 0; i < 4; i++) {
            s.addSlice(new ByteProcessor(10, 10));
        }
        ImagePlus hyper = new ImagePlus("hyper", s);
        hyper.setDimensions(2, 1, 2);
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(hyper, null, null, "tiny-logits", false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("has 2 channels") && message(e).contains("Split Channels"), message(e));
    }

    @Test
    void sixteenAndThirtyTwoBitStacksUseTheDisplayRange() throws Exception {
        ImagePlus gray8 = grayStack();
        int[] expected = (int[]) run(gray8, null, null, "tiny-logits", false, false, Cancellation.NEVER)
                .image().getStack().getPixels(2);
        for (int depth : new int[] {16, 32}) {
            ImageStack s = new ImageStack(40, 30);
            for (int i = 1; i <= 3; i++) {
                ImageProcessor src = gray8.getStack().getProcessor(i);
                ImageProcessor ip = depth == 16 ? new ShortProcessor(40, 30) : new FloatProcessor(40, 30);
                for (int p = 0; p < 1200; p++) {
                    double v = 1000 + 10.0 * src.get(p);
                    if (depth == 16) {
                        ip.set(p, (int) v);
                    } else {
                        ip.setf(p, (float) v);
                    }
                }
                s.addSlice(ip);
            }
            ImagePlus imp = new ImagePlus("deep", s);
            imp.setDisplayRange(1000, 3550);
            int[] actual = (int[]) run(imp, null, null, "tiny-logits", false, false, Cancellation.NEVER)
                    .image().getStack().getPixels(2);
            assertArrayEquals(expected, actual, depth + "-bit through the display range equals the 8-bit result");
        }
    }

    @Test
    void nanPixelsAreReportedAndNothingIsWritten() throws Exception {
        ImageStack s = new ImageStack(12, 12);
        s.addSlice(new FloatProcessor(12, 12));
        FloatProcessor bad = new FloatProcessor(12, 12);
        bad.setf(5, 3, Float.NaN);
        s.addSlice(bad);
        ImagePlus imp = new ImagePlus("nan", s);
        imp.setDisplayRange(0, 1);
        Path out = tmp.resolve("out");
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(imp, null, out, "tiny-logits", false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("Frame 2") && message(e).contains("NaN") && message(e).contains("x=5, y=3"), message(e));
        assertTrue(noOutputTraces(out));
    }

    @Test
    void missingModelIsNamed() {
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(grayStack(), null, null, "no-such-model", false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("No model named 'no-such-model'"), message(e));
    }

    @Test
    void corruptModelIsReported() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("models"));
        Files.write(dir.resolve("broken.onnx"), new byte[] {1, 2, 3, 4, 5});
        Files.copy(Fixtures.testData("models", "tiny-logits.json"), dir.resolve("broken.json"));
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(grayStack(), null, null, dir.resolve("broken.onnx").toString(), false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("is not a readable ONNX graph"), message(e));
        Files.delete(dir.resolve("broken.json"));
        e = assertThrows(ColorizeException.class,
                () -> run(grayStack(), null, null, dir.resolve("broken.onnx").toString(), false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("has no manifest"), message(e));
    }

    @Test
    void manifestThatDoesNotMatchItsGraphIsReported() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("models"));
        Files.copy(Fixtures.model("tiny-logits"), dir.resolve("m.onnx"));
        String json = Files.readString(Fixtures.testData("models", "tiny-logits.json"));
        Files.writeString(dir.resolve("m.json"), json.replaceFirst("\\[\\s*-80\\.0,\\s*-80\\.0\\s*\\],", "")
                .replace("\"name\": \"L\"", "\"name\": \"gray\"").replace("\"temperature\":", "\"chromaGain\": 9, \"temperature\":"));
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(grayStack(), null, null, dir.resolve("m.onnx").toString(), false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("returns 81 logits per pixel but its manifest lists 80 bin centres"), message(e));
        assertTrue(message(e).contains("has graph inputs [L] but its manifest describes [gray]"), message(e));
        assertTrue(message(e).contains("has chromaGain 9.0; it must be above 0 and at most 4"), message(e));
    }

    @Test
    void fixedInputShapeMismatchNamesBothShapes() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("models"));
        Files.copy(Fixtures.model("tiny-ab"), dir.resolve("m.onnx"));
        String json = Files.readString(Fixtures.testData("models", "tiny-ab.json"));
        Files.writeString(dir.resolve("m.json"), json.replace("\"height\": 32", "\"height\": 64"));
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(grayStack(), null, null, dir.resolve("m.onnx").toString(), false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("expects input 'L' of shape ?x1x32x48 but the manifest resizes frames to 64x48"), message(e));
    }

    @Test
    void gpuWithoutGpuIsExplained() {
        assumeFalse(DeviceChoice.cudaAvailable(), "this machine has a usable CUDA GPU");
        ColorizeException e = assertThrows(ColorizeException.class, () -> ColorizeVideoJob.run(
                new ColorizeVideoJob.Request(grayStack(), null, null, settings("tiny-logits", DeviceChoice.GPU), false, false),
                Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER));
        assertTrue(message(e).contains("device=gpu was requested") && message(e).contains("device=cpu"), message(e));
    }

    @Test
    void existingOutputIsNeverOverwrittenWithoutOverwrite() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(out.resolve("precious.txt"), "keep me");
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> run(null, Fixtures.grayFrames(), out, "tiny-logits", false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("already exists") && message(e).contains("overwrite=true"), message(e));
        assertEquals("keep me", Files.readString(out.resolve("precious.txt")));

        run(null, Fixtures.grayFrames(), out, "tiny-logits", true, false, Cancellation.NEVER);
        assertFalse(Files.exists(out.resolve("precious.txt")));
        assertEquals(Fixtures.pngs(Fixtures.grayFrames()).size(), Fixtures.pngs(out).size());
    }

    @Test
    void outputInsideTheInputIsRefused() {
        ColorizeException e = assertThrows(ColorizeException.class, () -> run(null, Fixtures.grayFrames(),
                Fixtures.grayFrames().resolve("colour"), "tiny-logits", false, false, Cancellation.NEVER));
        assertTrue(message(e).contains("overlaps the input"), message(e));
    }

    @Test
    void cancelLeavesNoOutputAndTheInputUntouched() throws Exception {
        Path input = tmp.resolve("in");
        Files.createDirectory(input);
        for (Path f : Fixtures.pngs(Fixtures.grayFrames())) {
            Files.copy(f, input.resolve(f.getFileName()));
        }
        String before = Fixtures.digest(input);
        Path out = tmp.resolve("out");
        AtomicInteger polls = new AtomicInteger();
        assertThrows(CancelledException.class,
                () -> run(null, input, out, "tiny-logits", false, false, () -> polls.incrementAndGet() > 3));
        assertTrue(noOutputTraces(out));
        assertEquals(before, Fixtures.digest(input));
    }

    @Test
    void tiffInputGivesATiffWithTheInputsCalibration() throws Exception {
        ImagePlus imp = grayStack();
        imp.getCalibration().pixelWidth = 0.5;
        imp.getCalibration().setUnit("um");
        Path tif = tmp.resolve("movie.tif");
        assertTrue(new ij.io.FileSaver(imp).saveAsTiffStack(tif.toString()));
        Path out = tmp.resolve("out");
        run(null, tif, out, "tiny-logits", false, false, Cancellation.NEVER);
        ImagePlus result = ij.IJ.openImage(out.resolve("movie.tif").toString());
        assertEquals(3, result.getStackSize());
        assertEquals(24, result.getBitDepth());
        assertEquals(0.5, result.getCalibration().pixelWidth, 1e-12);
        assertEquals("um", result.getCalibration().getUnit().replace("µ", "u").replace("micron", "um"));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(1, s.count(), "only the TIFF is left in the output folder");
        }
    }

    /** Exemplar runs: each bad reference or combination is refused with its sentence before anything is written. */
    @Test
    void badReferencesAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path grayRef = tmp.resolve("gray-ref.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(32, 24, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
                grayRef.toFile());
        Path broken = Files.writeString(tmp.resolve("broken.png"), "not a PNG");
        Path badNames = Files.createDirectories(tmp.resolve("keys-names"));
        Files.copy(grayRef, badNames.resolve("first.png"));
        Path beyond = Files.createDirectories(tmp.resolve("keys-beyond"));
        java.awt.image.BufferedImage red = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        red.setRGB(0, 0, 8, 8, java.util.Collections.nCopies(64, 0xc03020).stream().mapToInt(Integer::intValue).toArray(), 0, 8);
        javax.imageio.ImageIO.write(red, "png", beyond.resolve("00000.png").toFile());
        javax.imageio.ImageIO.write(red, "png", beyond.resolve("00003.png").toFile());
        Path colourRef = beyond.resolve("00000.png");
        Object[][] cases = {
            {grayRef, null, "is gray"},
            {broken, null, "cannot be opened as an image"},
            {badNames, null, "whose name is not a frame number"},
            {beyond, null, "beyond the clip, which has 3 frames"},
            {tmp.resolve("missing.png"), null, "does not exist"},
            {colourRef, org.colorizevideo.instance.InstanceSettings.of("maskrcnn", "instcolor"), "A reference and instances cannot be combined"},
        };
        for (Object[] c : cases) {
            Path out = tmp.resolve("out");
            ColorizeSettings settings = new ColorizeSettings("tiny-logits", 0.5, DeviceChoice.CPU, 2,
                    (org.colorizevideo.instance.InstanceSettings) c[1],
                    org.colorizevideo.exemplar.ExemplarSettings.parse(c[0].toString(), ""));
            ColorizeException e = assertThrows(ColorizeException.class, () -> ColorizeVideoJob.run(new ColorizeVideoJob.Request(
                    grayStack(), null, out, settings, false, false), Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER));
            assertTrue(message(e).contains((String) c[2]), c[0] + ": " + message(e));
            assertTrue(noOutputTraces(out), c[0] + ": nothing written");
        }
    }
}
