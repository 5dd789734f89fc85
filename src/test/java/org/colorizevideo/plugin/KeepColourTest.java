package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.colorize.KeepColourSink;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keep_colour: a black-and-white clip with one frame already in colour (a title card in two colours)
 * keeps that frame exactly as it came in, and colorizes the gray frames as a run without the option does.
 */
class KeepColourTest {

    @TempDir
    Path tmp;

    /** The gray test frames, with frame 2 replaced by a colour card of the same size. */
    private Path clipWithColourCard() throws Exception {
        Path dir = tmp.resolve("film");
        Files.createDirectories(dir);
        List<Path> gray = Fixtures.pngs(Fixtures.grayFrames());
        for (Path p : gray) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        ImagePlus first = IJ.openImage(gray.get(0).toString());
        ColorProcessor card = new ColorProcessor(first.getWidth(), first.getHeight());
        int[] px = (int[]) card.getPixels();
        for (int p = 0; p < px.length; p++) {
            px[p] = (p % first.getWidth()) < first.getWidth() / 2 ? 0x8a1c1c : 0xe8d9a0;
        }
        new ij.io.FileSaver(new ImagePlus("card", card)).saveAsPng(dir.resolve(gray.get(1).getFileName()).toString());
        return dir;
    }

    private static ColorizeVideoJob.Result run(Path input, Path output, boolean convert, boolean keep) throws ColorizeException {
        return ColorizeVideoJob.run(new ColorizeVideoJob.Request(null, input, output,
                new ColorizeSettings("tiny-ab", 0, DeviceChoice.CPU, 2), false, convert, null, 17, Segmenting.defaults(), keep),
                Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER);
    }

    @Test
    void framesAlreadyInColourAreWrittenAsTheyCame() throws Exception {
        Path film = clipWithColourCard();
        List<Path> in = Fixtures.pngs(film);
        run(film, tmp.resolve("kept"), false, true);
        run(film, tmp.resolve("converted"), true, false);
        List<Path> kept = Fixtures.pngs(tmp.resolve("kept")), converted = Fixtures.pngs(tmp.resolve("converted"));
        assertEquals(in.size(), kept.size());
        assertArrayEquals(Fixtures.readRgb(in.get(1)), Fixtures.readRgb(kept.get(1)), "the colour card is kept exactly");
        assertFalse(Arrays.equals(Fixtures.readRgb(in.get(1)), Fixtures.readRgb(converted.get(1))),
                "without keep_colour the card is colorized from its luminance");
        for (int i = 0; i < in.size(); i++) {
            if (i != 1) {
                assertArrayEquals(Fixtures.readRgb(converted.get(i)), Fixtures.readRgb(kept.get(i)),
                        "gray frame " + i + " is colorized as without the option");
            }
        }
        assertThrows(ColorizeException.class, () -> run(film, tmp.resolve("refused"), false, false),
                "without convert or keep_colour a colour frame is refused");
    }

    @Test
    void meanChromaTellsGrayFromColour() {
        int[] gray = new int[16 * 16];
        Arrays.fill(gray, 0x7f7f7f);
        int[] sepia = new int[16 * 16];
        Arrays.fill(sepia, 0x9c7f5c); // a sepia tone: C*ab about 20
        assertEquals(0, KeepColourSink.meanChroma(gray, 16, 16));
        double c = KeepColourSink.meanChroma(sepia, 16, 16);
        assertTrue(c > KeepColourSink.THRESHOLD && c > 15 && c < 30, "sepia chroma " + c);
    }
}
