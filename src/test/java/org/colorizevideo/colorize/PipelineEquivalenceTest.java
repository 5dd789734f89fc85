package org.colorizevideo.colorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.color.Lab;
import org.colorizevideo.io.FolderSource;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java pipeline against the PyTorch/NumPy reference of the same pipeline and weights
 * (test-data/reference, made by make_fixtures.py; tiny-logits-gain by make_gain_fixture.py): within 1
 * gray level on >= 99.9% of pixels, and the output's L* equals the input's within 1.0 on >= 99% of pixels.
 * The saturation setting overrides a manifest's chroma gain both ways (tiny-logits at 1.7 = tiny-logits-gain;
 * tiny-logits-gain at 1 = tiny-logits).
 */
class PipelineEquivalenceTest {

    @ParameterizedTest
    @CsvSource({"tiny-logits, 0.5, 0, tiny-logits", "tiny-logits, 1.0, 0, tiny-logits-T1",
            "tiny-logits-gain, 0.5, 0, tiny-logits-gain", "tiny-logits, 0.5, 1.7, tiny-logits-gain",
            "tiny-logits-gain, 0.5, 1, tiny-logits", "tiny-ab, 0, 0, tiny-ab"})
    void matchesPyTorchReference(String model, double temperature, double saturation, String reference) throws Exception {
        FolderSource source = new FolderSource(Fixtures.grayFrames(), false);
        CollectingSink sink = new CollectingSink(source.size());
        ColorizeSettings settings = new ColorizeSettings(model, temperature, DeviceChoice.CPU, 4).withSaturation(saturation);
        ModelLocator locator = Fixtures.testModels();
        new ColorizationEngine(settings, locator, ProgressListener.NONE, Cancellation.NEVER).process(source, sink);

        List<Path> refs = Fixtures.pngs(Fixtures.testData("reference", reference));
        assertEquals(source.size(), refs.size());
        long total = 0, within1 = 0, lumaOk = 0;
        int worst = 0;
        double[] lab = new double[3];
        for (int i = 0; i < refs.size(); i++) {
            int[] expected = Fixtures.readRgb(refs.get(i));
            int[] actual = sink.frames[i];
            float[] inputL = source.luminance(i);
            for (int p = 0; p < expected.length; p++) {
                int d = Fixtures.maxChannelDiff(expected[p], actual[p]);
                worst = Math.max(worst, d);
                within1 += d <= 1 ? 1 : 0;
                int c = actual[p];
                Lab.rgbToLab(((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0, lab);
                lumaOk += Math.abs(lab[0] - inputL[p]) <= 1.0 ? 1 : 0;
                total++;
            }
        }
        double share = within1 / (double) total, lumaShare = lumaOk / (double) total;
        System.out.printf("%s T=%s saturation %s: %.4f%% of %d pixels within 1 level of PyTorch (max %d); L* within 1.0: %.3f%%%n",
                model, temperature, saturation, 100 * share, total, worst, 100 * lumaShare);
        assertTrue(share >= 0.999, "only " + share + " within 1 level");
        assertTrue(lumaShare >= 0.99, "luminance preserved on only " + lumaShare);
    }

    @Test
    void aSaturationAboveFourIsRefusedInASentenceBeforeAnythingIsWritten() throws Exception {
        FolderSource source = new FolderSource(Fixtures.grayFrames(), false);
        CollectingSink sink = new CollectingSink(source.size());
        ColorizeSettings settings = new ColorizeSettings("tiny-logits", 0.5, DeviceChoice.CPU, 4).withSaturation(5);
        ColorizeException e = assertThrows(ColorizeException.class, () -> new ColorizationEngine(settings,
                Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER).process(source, sink));
        assertTrue(e.getMessage().startsWith("saturation=5.0 is too high: give 0 for the model's own, or a gain up to 4.0"),
                e.getMessage());
        assertFalse(sink.committed, "nothing committed");
        for (int[] frame : sink.frames) {
            assertNull(frame, "no frame colorized");
        }
    }

    /** Keeps the frames in memory for comparison. */
    static final class CollectingSink implements FrameSink {
        final int[][] frames;
        boolean committed;

        CollectingSink(int n) {
            frames = new int[n][];
        }

        @Override
        public void put(int index, int[] rgb, int width, int height) {
            frames[index] = rgb;
        }

        @Override
        public void commit() {
            committed = true;
        }

        @Override
        public void abort() {
        }
    }
}
