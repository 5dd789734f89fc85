package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import java.nio.file.Files;
import java.nio.file.Path;
import net.imagej.patcher.LegacyEnvironment;
import org.colorizevideo.Fixtures;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example macros in macros/ run headless (ij1-patcher) and produce what the engine produces. */
class MacrosTest {

    @TempDir
    Path tmp;

    static ImagePlus fixtureStack() {
        return ij.plugin.FolderOpener.open(Fixtures.grayFrames().toString(), "");
    }

    private static int[] engineFrame(ImagePlus imp, int slice) throws Exception {
        ColorizeVideoJob.Result r = ColorizeVideoJob.run(new ColorizeVideoJob.Request(imp, null, null,
                new ColorizeSettings(Fixtures.model("tiny-logits").toString(), 0, DeviceChoice.CPU, 4), false, false),
                Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER);
        return rgb(r.image(), slice);
    }

    /** Pixels without the alpha byte that TIFF readers set. */
    static int[] rgb(ImagePlus imp, int slice) {
        return java.util.Arrays.stream((int[]) imp.getStack().getPixels(slice)).map(p -> p & 0xffffff).toArray();
    }

    static LegacyEnvironment ij1() throws Exception {
        LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
        ij1.addPluginClasspath(FacesAgreeTest.pluginClasspath());
        return ij1;
    }

    @Test
    void currentImageMacroWritesTheEngineResult() throws Exception {
        ImagePlus imp = fixtureStack();
        Path tif = tmp.resolve("film.tif");
        assertTrue(new FileSaver(imp).saveAsTiffStack(tif.toString()));
        Path out = tmp.resolve("colour");
        ij1().runMacro(Files.readString(Fixtures.project().resolve("macros/colorize_current_image.ijm")),
                "input=[" + tif + "] output=[" + out + "] model=[" + Fixtures.model("tiny-logits") + "]");
        ImagePlus result = ij.IJ.openImage(out.resolve("film.tif").toString());
        assertEquals(imp.getStackSize(), result.getStackSize());
        assertArrayEquals(engineFrame(imp, 3), rgb(result, 3));
    }

    @Test
    void folderBatchMacroColorizesEveryFilm() throws Exception {
        Path films = Files.createDirectory(tmp.resolve("films"));
        ImagePlus imp = fixtureStack();
        assertTrue(new FileSaver(imp).saveAsTiffStack(films.resolve("a.tif").toString()));
        assertTrue(new FileSaver(imp).saveAsTiffStack(films.resolve("b.tif").toString()));
        Files.writeString(films.resolve("notes.txt"), "not a film");
        Path out = tmp.resolve("colour");
        ij1().runMacro(Files.readString(Fixtures.project().resolve("macros/colorize_folder_batch.ijm")),
                "input=[" + films + "] output=[" + out + "] model=[" + Fixtures.model("tiny-logits") + "]");
        int[] expected = engineFrame(imp, 2);
        for (String name : new String[] {"a", "b"}) {
            ImagePlus result = ij.IJ.openImage(out.resolve(name).resolve(name + ".tif").toString());
            assertEquals(imp.getStackSize(), result.getStackSize(), name);
            assertArrayEquals(expected, rgb(result, 2), name);
        }
    }
}
