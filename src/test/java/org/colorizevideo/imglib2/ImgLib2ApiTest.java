package org.colorizevideo.imglib2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.plugin.ColorizeVideoJob;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/** The ImgLib2 API gives what the commands give, streams, and refuses what it cannot take with a sentence. */
class ImgLib2ApiTest {

    private static ImagePlus fixture() {
        return ij.plugin.FolderOpener.open(Fixtures.grayFrames().toString(), "");
    }

    /** The fixture stack as an XYT image of unsigned bytes (a copy, as a script would hold it). */
    private static Img<UnsignedByteType> xyt(ImagePlus imp) {
        int w = imp.getWidth(), h = imp.getHeight(), n = imp.getStackSize();
        byte[] all = new byte[w * h * n];
        for (int s = 1; s <= n; s++) {
            System.arraycopy((byte[]) imp.getStack().getPixels(s), 0, all, (s - 1) * w * h, w * h);
        }
        return ArrayImgs.unsignedBytes(all, w, h, n);
    }

    private static Colorizer tiny() {
        return Colorizer.with(new ColorizeSettings(Fixtures.model("tiny-logits").toString(), 0, DeviceChoice.CPU, 4))
                .locator(Fixtures.testModels());
    }

    private static int[] commandSlice(ImagePlus imp, int slice) throws Exception {
        ColorizeVideoJob.Result r = ColorizeVideoJob.run(new ColorizeVideoJob.Request(imp, null, null,
                new ColorizeSettings(Fixtures.model("tiny-logits").toString(), 0, DeviceChoice.CPU, 4), false, false),
                Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER);
        return java.util.Arrays.stream((int[]) r.image().getStack().getPixels(slice)).map(p -> p & 0xffffff).toArray();
    }

    private static int[] frame(RandomAccessibleInterval<ARGBType> img, int t) {
        RandomAccessibleInterval<ARGBType> f = img.numDimensions() == 2 ? img : Views.hyperSlice(img, 2, t);
        List<Integer> px = new ArrayList<>();
        Cursor<ARGBType> c = Views.flatIterable(f).cursor();
        while (c.hasNext()) {
            px.add(c.next().get() & 0xffffff);
        }
        return px.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void colorizeEqualsTheCommandByteForByte() throws Exception {
        ImagePlus imp = fixture();
        Img<ARGBType> colour = tiny().colorize(xyt(imp));
        assertEquals(3, colour.numDimensions());
        assertEquals(imp.getStackSize(), colour.dimension(2));
        for (int s = 1; s <= imp.getStackSize(); s++) {
            assertArrayEquals(commandSlice(imp, s), frame(colour, s - 1), "frame " + s);
        }
        Img<ARGBType> one = tiny().colorize(Views.hyperSlice(xyt(imp), 2, 2));
        assertEquals(2, one.numDimensions());
        assertArrayEquals(commandSlice(imp, 3), frame(one, 0), "an XY image is one frame");
    }

    @Test
    void sixteenBitValuesGoThroughTheGrayRangeAsImageJsDisplayRange() throws Exception {
        ImagePlus eight = fixture();
        int w = eight.getWidth(), h = eight.getHeight(), n = eight.getStackSize();
        short[] all = new short[w * h * n];
        ImageStack stack = new ImageStack(w, h);
        for (int s = 1; s <= n; s++) {
            byte[] px = (byte[]) eight.getStack().getPixels(s);
            short[] sp = new short[w * h];
            for (int i = 0; i < px.length; i++) {
                sp[i] = (short) (1000 + 10 * (px[i] & 0xff));
            }
            System.arraycopy(sp, 0, all, (s - 1) * w * h, w * h);
            stack.addSlice(new ShortProcessor(w, h, sp, null));
        }
        ImagePlus imp16 = new ImagePlus("16-bit", stack);
        imp16.setDisplayRange(1000, 1000 + 10 * 255);
        Img<UnsignedShortType> rai = ArrayImgs.unsignedShorts(all, w, h, n);
        Img<ARGBType> colour = tiny().grayRange(new GrayRange(1000, 1000 + 10 * 255)).colorize(rai);
        assertArrayEquals(commandSlice(imp16, 2), frame(colour, 1));
    }

    @Test
    void streamingHandsOverEveryFrameInOrderAndIntoAGivenImage() throws Exception {
        ImagePlus imp = fixture();
        List<Integer> order = new ArrayList<>();
        List<int[]> frames = new ArrayList<>();
        tiny().colorize(xyt(imp), (t, f) -> {
            order.add(t);
            frames.add(frame(f, 0));
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5), order);
        assertArrayEquals(commandSlice(imp, 4), frames.get(3));
        Img<ARGBType> mine = ArrayImgs.argbs(imp.getWidth(), imp.getHeight(), imp.getStackSize());
        tiny().colorize(xyt(imp), mine);
        assertArrayEquals(commandSlice(imp, 6), frame(mine, 5));
    }

    @Test
    void badImagesGetASentence() {
        Img<UnsignedByteType> four = ArrayImgs.unsignedBytes(4, 4, 2, 2);
        ColorizeException e = assertThrows(ColorizeException.class, () -> tiny().colorize(four));
        assertTrue(e.getMessage().startsWith("The input has 4 dimensions; give XY (one frame) or XYT (a clip)"), e.getMessage());
        Img<ARGBType> wrong = ArrayImgs.argbs(4, 4, 3);
        e = assertThrows(ColorizeException.class, () -> tiny().colorize(ArrayImgs.unsignedBytes(4, 4, 2), wrong));
        assertEquals("The output is 4x4x3 but the input is 4x4x2; make the output the input's size.", e.getMessage());
        float[] nan = new float[16];
        nan[5] = Float.NaN;
        e = assertThrows(ColorizeException.class, () -> tiny().colorize(ArrayImgs.floats(nan, 4, 4)));
        assertTrue(e.getMessage().startsWith("Frame 0 of the input contains NaN values (the first at x=1, y=1)"), e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> new GrayRange(5, 5));
        assertTrue(r.getMessage().contains("is empty or unbounded"));
    }

    @Test
    void theGroovyScriptInMacrosColorizesThroughTheApi() throws Exception {
        // SciJava blanks the #@ parameter lines before the script runs and binds the inputs by name;
        // scripting-groovy is not on Maven Central, so this test does the same with Groovy itself.
        String script = Files.readString(Fixtures.project().resolve("macros/colorize_imglib2.groovy"))
                .replaceAll("(?m)^#@.*$", "");
        ImagePlus imp = fixture();
        Binding binding = new Binding();
        binding.setVariable("gray", xyt(imp));
        binding.setVariable("model", Fixtures.model("tiny-logits").toString());
        binding.setVariable("temperature", 0.0);
        new GroovyShell(ImgLib2ApiTest.class.getClassLoader(), binding).evaluate(script);
        @SuppressWarnings("unchecked")
        RandomAccessibleInterval<ARGBType> colour = (RandomAccessibleInterval<ARGBType>) binding.getVariable("colour");
        assertArrayEquals(commandSlice(imp, 2), frame(colour, 1));
    }

    @Test
    void temporalRefinementEqualsTheCommandOnTheSameClip() throws Exception {
        ImagePlus imp = fixture();
        Img<UnsignedByteType> gray = xyt(imp);
        Img<ARGBType> processed = tiny().colorize(gray);
        org.colorizevideo.dvp.DvpSettings s = new org.colorizevideo.dvp.DvpSettings(org.colorizevideo.dvp.DvpSettings.Mode.FAST,
                2, 1e-3, 16, 7, false, 1, 0.5, 0);
        Img<ARGBType> api = TemporalRefinement.with(s).refine(gray, processed);

        ImageStack colour = new ImageStack(imp.getWidth(), imp.getHeight());
        for (int t = 0; t < imp.getStackSize(); t++) {
            colour.addSlice(new ij.process.ColorProcessor(imp.getWidth(), imp.getHeight(), frame(processed, t)));
        }
        org.colorizevideo.plugin.TemporalRefinementJob.Result job = org.colorizevideo.plugin.TemporalRefinementJob.run(
                new org.colorizevideo.plugin.TemporalRefinementJob.Request(imp, null, new ImagePlus("colour", colour), null, null,
                        s, false, false), ProgressListener.NONE, Cancellation.NEVER);
        for (int t = 0; t < imp.getStackSize(); t++) {
            int[] expected = java.util.Arrays.stream((int[]) job.image().getStack().getPixels(t + 1)).map(p -> p & 0xffffff)
                    .toArray();
            assertArrayEquals(expected, frame(api, t), "frame " + t);
        }
    }

    @Test
    void deviceAutoChoosesTheCpuWhereNoCudaGpuIsUsableAndSaysSo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(DeviceChoice.cudaAvailable(), "a CUDA GPU is usable here");
        List<String> messages = new ArrayList<>();
        org.colorizevideo.colorize.ColorizationEngine.Summary s = tiny().device(DeviceChoice.AUTO)
                .progress((done, total, message) -> messages.add(message)).colorize(xyt(fixture()), (t, f) -> { });
        assertEquals(ai.djl.Device.cpu().toString(), s.device());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Colorizing with ") && m.endsWith(" on " + ai.djl.Device.cpu())),
                messages.toString());
    }
}
