package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.FileSaver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.colorizevideo.Fixtures;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.model.ModelManifest;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialogs of issue #16 as far as they can be checked without a display: recorded macros of before
 * the new dialogs, preferences kept out of macros, the preview leaving the slice untouched, the Help
 * pages, the model lists and the refinement time estimate. (Screenshots: tools/dialog_screenshots.sh.)
 */
class DialogsTest {

    @TempDir
    Path tmp;

    private static ImagePlus fixtureStack() {
        return MacrosTest.fixtureStack();
    }

    private static ColorizeSettings tiny() {
        return new ColorizeSettings(Fixtures.model("tiny-logits").toString(), 0, DeviceChoice.CPU, 4);
    }

    private static int[] rgb(ImagePlus imp, int slice) {
        return MacrosTest.rgb(imp, slice);
    }

    @Test
    void aMacroRecordedBeforeTheNewDialogsRunsUnchangedAndPreferencesStayOut() throws Exception {
        ImagePlus imp = fixtureStack();
        Path tif = tmp.resolve("film.tif");
        assertTrue(new FileSaver(imp).saveAsTiffStack(tif.toString()));
        Path out = tmp.resolve("colour");
        // what a person's last dialog left in the preferences must not change a macro run
        String prefs = "call('ij.Prefs.set', 'colorize.colorize_video.temperature', '0.05');\n"
                + "call('ij.Prefs.set', 'colorize.colorize_video.model_file', '/no/such/model.onnx');\n"
                + "call('ij.Prefs.set', 'colorize.colorize_video.keep_colour', 'true');\n"
                + "call('ij.Prefs.set', 'colorize.colorize_video.batch', '1');\n";
        // every key as the recorder wrote it before the dialogs were regrouped (2026-12-05)
        String recorded = "run('Colorize Video', 'input=[" + tif + "] output=[" + out + "] model=[" + Fixtures.model("tiny-logits")
                + "] temperature=0 device=cpu batch=2 cuts=3 min_shot=15 chunk=300 overlap=15 detector=[] instances=[]"
                + " score=0.70 max_instances=8 reference=[] reference_image=none exemplar_model=[] quality=17');\n";
        MacrosTest.ij1().runMacro((prefs + recorded).replace('\'', '"'), "");
        ImagePlus result = ij.IJ.openImage(out.resolve("film.tif").toString());
        ColorizeVideoJob.Result engine = ColorizeVideoJob.run(new ColorizeVideoJob.Request(imp, null, null, tiny(), false, false),
                Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER);
        assertEquals(imp.getStackSize(), result.getStackSize());
        for (int s = 1; s <= imp.getStackSize(); s++) {
            assertArrayEquals(rgb(engine.image(), s), rgb(result, s), "slice " + s);
        }
    }

    @Test
    void onlyAPersonAtADisplayGetsRememberedValuesAndBrowseButtons() {
        assertTrue(DialogKit.interactive(null, false));
        assertFalse(DialogKit.interactive("input=[a.tif]", false), "a macro in the GUI");
        assertFalse(DialogKit.interactive(null, true), "headless");
    }

    @Test
    void previewOnAndOffLeavesTheSliceByteIdenticalAndTheOverlayAsItWas() throws Exception {
        ImagePlus imp = fixtureStack();
        imp.setSlice(3);
        Overlay own = new Overlay(new Roi(1, 2, 5, 6));
        imp.setOverlay(own);
        byte[] before = ((byte[]) imp.getStack().getPixels(3)).clone();
        ColorizePreview preview = new ColorizePreview(imp, Fixtures.testModels());

        String status = preview.update(tiny());
        assertEquals("Preview: slice 3 colorized", status);
        assertTrue(preview.isShown());
        assertEquals(2, imp.getOverlay().size(), "the image's own roi and the preview");
        ImageRoi roi = (ImageRoi) imp.getOverlay().get(1);
        ColorizeVideoJob.Result engine = ColorizeVideoJob.run(new ColorizeVideoJob.Request(imp, null, null, tiny(), false, false),
                Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER);
        int[] shown = java.util.Arrays.stream((int[]) roi.getProcessor().getPixels()).map(p -> p & 0xffffff).toArray();
        assertArrayEquals(rgb(engine.image(), 3), shown, "the preview is the run's slice 3");
        assertArrayEquals(before, (byte[]) imp.getStack().getPixels(3));

        preview.clear();
        assertFalse(preview.isShown());
        assertArrayEquals(before, (byte[]) imp.getStack().getPixels(3));
        assertEquals(1, imp.getOverlay().size());
        assertEquals(own.get(0).getBounds(), imp.getOverlay().get(0).getBounds());

        ImagePlus plain = fixtureStack();
        ColorizePreview bad = new ColorizePreview(plain, Fixtures.testModels());
        String error = bad.update(new ColorizeSettings(tmp.resolve("missing.onnx").toString(), 0, DeviceChoice.CPU, 4));
        assertTrue(error.startsWith("Preview: The model file"), error);
        assertNull(plain.getOverlay(), "a failed preview shows nothing");
        assertSame(null, plain.getRoi());
    }

    @Test
    void helpPagesAreTheCommandsReadmeSections() throws Exception {
        String readme = Files.readString(Fixtures.project().resolve("README.md"));
        for (String heading : List.of(HelpPages.COLORIZE_VIDEO, HelpPages.TEMPORAL_REFINEMENT, HelpPages.MEASURE,
                HelpPages.KEYFRAME)) {
            String section = HelpPages.section(readme, heading);
            assertTrue(section.startsWith("## " + heading), heading);
            assertFalse(section.substring(3).contains("\n## "), "one section only: " + heading);
        }
        String html = HelpPages.html(HelpPages.COLORIZE_VIDEO);
        assertTrue(html.contains("<h2>Using it</h2>"), html.substring(0, Math.min(200, html.length())));
        assertTrue(html.contains("<td><code>temperature</code></td>"), "the parameter table");
        String fallback = HelpPages.toHtml("", "Nothing");
        assertTrue(fallback.contains("has no section 'Nothing'"));
        assertEquals("<html><body style='width:640px;font-family:sans-serif'><h2>A &amp; B</h2><p>x <code>k=v</code> and <b>y</b>"
                + " z</p><ul><li>one</ul><pre>a &lt; b\n</pre></body></html>",
                HelpPages.toHtml("## A & B\nx `k=v` and **y** [z](http://e)\n\n- one\n```\na < b\n```\n", "A & B"));
    }

    @Test
    void modelListsHoldTheBundledAndTheFoundModelsOfTheirKind() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("models"));
        Files.writeString(dir.resolve("mine.json"), "{\"format\": \"" + ModelManifest.FORMAT + "\", \"name\": \"mine\"}");
        Files.writeString(dir.resolve("other.json"), "{\"format\": \"colorize-video-exemplar/1\"}");
        Files.writeString(dir.resolve("broken.json"), "not json");
        List<String> names = new ModelLocator(List.of(dir, tmp.resolve("absent"))).names(ModelManifest.FORMAT,
                ModelLocator.DEFAULT_MODEL);
        assertEquals(List.of(ModelLocator.DEFAULT_MODEL, "mine"), names);
    }

    @Test
    void theExemplarModelIsBundledInsideThePlugin() throws Exception {
        Path manifest = new ModelLocator(List.of()).locateBundle(org.colorizevideo.exemplar.ExemplarSettings.DEFAULT_MODEL,
                "exemplar model", "_reference.onnx", "_frame.onnx");
        String frameGraph = org.colorizevideo.exemplar.ExemplarSettings.DEFAULT_MODEL + "_frame.onnx";
        assertTrue(Files.isRegularFile(manifest.resolveSibling(frameGraph)));
        assertEquals(Files.size(Fixtures.project().resolve("models").resolve(frameGraph)),
                Files.size(manifest.resolveSibling(frameGraph)));
    }

    @Test
    void theDefaultTheEarlierAndTheHintModelsAreBundledInsideThePlugin() throws Exception {
        for (String name : List.of(ModelLocator.DEFAULT_MODEL, ModelLocator.EARLIER_MODEL, ModelLocator.HINT_MODEL)) {
            org.colorizevideo.model.ModelFiles files = new ModelLocator(List.of()).locate(name);
            assertEquals(Files.size(Fixtures.project().resolve("models").resolve(name + ".onnx")), Files.size(files.onnx()),
                    name);
            assertTrue(Files.readString(files.manifest()).contains("\"name\": \"" + name + "\""), name);
        }
    }

    @Test
    void refinementEstimateScalesTheReferenceRateByFramesEpochsAndPixels() throws Exception {
        // goat on the reference machine: 90 frames of 854x480, fast 25 epochs at 8.5 s each = 212 s
        String fast = RefinementEstimate.sentence(90, 854, 480, DvpSettings.fast());
        assertTrue(fast.startsWith("Estimated training time: about 4 min for 90 frames x 25 epochs (from a 2-core"), fast);
        String faithful = RefinementEstimate.sentence(900, 854, 480, DvpSettings.faithful());
        assertTrue(faithful.startsWith("Estimated training time: about 52.6 h for 900 frames x 25 epochs"), faithful);
        assertNull(RefinementEstimate.sentence(0, 854, 480, DvpSettings.fast()));
        assertEquals("about 45 s", RefinementEstimate.duration(45));
    }
}
