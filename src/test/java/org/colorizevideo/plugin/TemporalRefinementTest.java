package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.bench.FlickerClip;
import org.colorizevideo.cli.HeadlessLauncher;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.color.Lab;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.RgbSource;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.progress.CancelledException;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

/**
 * Colorize Temporal Refinement through its faces (launcher, SciJava command, IJ1 macro: same names,
 * same output), cancel safety, and the dvp option of Colorize Video. Tiny clips, a few steps.
 */
class TemporalRefinementTest {

    @TempDir
    Path tmp;

    private static final String PARAMS = "epochs=2,lr=0.001,width=16,seed=3,scale=0.5";

    /** Writes the synthetic clip as gray and processed PNG folders; returns {gray, processed}. */
    static Path[] writeClip(Path dir) throws Exception {
        FlickerClip clip = new FlickerClip(5, 44, 30, 7, 8, 0.3);
        Path gray = Files.createDirectories(dir.resolve("gray"));
        Path colour = Files.createDirectories(dir.resolve("colour"));
        LuminanceSource l = clip.gray();
        RgbSource c = clip.processed();
        for (int i = 0; i < clip.size(); i++) {
            float[] lum = l.luminance(i);
            BufferedImage g = new BufferedImage(44, 30, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < lum.length; p++) {
                int v = (int) Math.round(255 * Lab.lToGray(lum[p]));
                g.getRaster().setSample(p % 44, p / 44, 0, v);
            }
            ImageIO.write(g, "png", gray.resolve(String.format("f%02d.png", i)).toFile());
            BufferedImage rgb = new BufferedImage(44, 30, BufferedImage.TYPE_INT_RGB);
            rgb.setRGB(0, 0, 44, 30, c.rgb(i), 0, 44);
            ImageIO.write(rgb, "png", colour.resolve(String.format("f%02d.png", i)).toFile());
        }
        return new Path[] {gray, colour};
    }

    @Test
    void launcherCommandAndMacroGiveIdenticalFrames() throws Exception {
        Path[] clip = writeClip(tmp);
        Path viaLauncher = tmp.resolve("launcher"), viaCommand = tmp.resolve("command"), viaMacro = tmp.resolve("macro");
        int status = new HeadlessLauncher().run("--headless", "--run", "Colorize Temporal Refinement",
                "input='" + clip[0] + "',processed='" + clip[1] + "',output='" + viaLauncher + "'," + PARAMS);
        assertEquals(0, status);
        try (Context context = new Context()) {
            context.service(CommandService.class).run(ColorizeTemporalRefinementCommand.class, true,
                    "input", clip[0].toFile(), "processed", clip[1].toFile(), "output", viaCommand.toFile(),
                    "epochs", 2, "lr", 0.001, "width", 16, "seed", 3, "scale", 0.5).get();
        }
        Path log = tmp.resolve("macro.log");
        int exit = Ij1MacroMain.runInChildJvm("run(\"Colorize Temporal Refinement\", \"input=[" + clip[0] + "] processed=["
                + clip[1] + "] output=[" + viaMacro + "] mode=fast epochs=2 lr=0.001 width=16 seed=3 scale=0.5\");", log);
        String macroLog = Files.readString(log);
        assertEquals(0, exit, macroLog);
        // libtorch's own lines (NNPACK per step, the AutoNonVariableTypeMode notice per run) are switched off
        assertFalse(macroLog.contains("NNPACK") || macroLog.contains("AutoNonVariableTypeMode"), macroLog);
        List<Path> frames = Fixtures.pngs(viaLauncher);
        assertEquals(5, frames.size());
        for (Path f : frames) {
            int[] reference = Fixtures.readRgb(f);
            assertArrayEquals(reference, Fixtures.readRgb(viaCommand.resolve(f.getFileName())), "command " + f);
            assertArrayEquals(reference, Fixtures.readRgb(viaMacro.resolve(f.getFileName())), "macro " + f);
        }
    }

    @Test
    void cancelMidTrainingLeavesNoOutputAndTheInputsUntouched() throws Exception {
        Path[] clip = writeClip(tmp);
        String grayBefore = Fixtures.digest(clip[0]), colourBefore = Fixtures.digest(clip[1]);
        Path out = tmp.resolve("out");
        int[] checks = new int[1];
        TemporalRefinementJob.Request request = new TemporalRefinementJob.Request(null, clip[0], null, clip[1], out,
                DvpSettings.resolve(DvpSettings.Mode.FAST, 3, 1e-3, 16, 1, false, 0, 0.5, -1), false, false);
        CancelledException e = assertThrows(CancelledException.class,
                () -> TemporalRefinementJob.run(request, ProgressListener.NONE, () -> ++checks[0] > 5 + 5 + 7)); // cut search, reading, training
        assertTrue(e.getMessage().contains("epoch 2 of 3") && e.getMessage().contains("no output was written"), e.getMessage());
        assertEquals(grayBefore, Fixtures.digest(clip[0]));
        assertEquals(colourBefore, Fixtures.digest(clip[1]));
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")));
        }
    }

    @Test
    void outputInsideTheProcessedClipIsRefused() throws Exception {
        Path[] clip = writeClip(tmp);
        String before = Fixtures.digest(clip[1]);
        TemporalRefinementJob.Request request = new TemporalRefinementJob.Request(null, clip[0], null, clip[1],
                clip[1].resolve("refined"), DvpSettings.fast(), false, false);
        ColorizeException e = assertThrows(ColorizeException.class,
                () -> TemporalRefinementJob.run(request, ProgressListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("overlaps the input"), e.getMessage());
        assertEquals(before, Fixtures.digest(clip[1]));
    }

    @Test
    void colorizeVideoWithDvpWritesEveryFrame() throws Exception {
        Path out = tmp.resolve("refined");
        try (Context context = new Context()) {
            context.service(CommandService.class).run(ColorizeVideoCommand.class, true,
                    "input", Fixtures.grayFrames().toFile(), "output", out.toFile(),
                    "model", Fixtures.model("tiny-logits").toString(), "device", "cpu", "dvp", true).get();
        }
        List<Path> frames = Fixtures.pngs(out);
        assertEquals(Fixtures.pngs(Fixtures.grayFrames()).size(), frames.size());
        ColorizeVideoJob.Result plain = ColorizeVideoJob.run(new ColorizeVideoJob.Request(null, Fixtures.grayFrames(),
                tmp.resolve("plain"), new ColorizeSettings(Fixtures.model("tiny-logits").toString(), 0, DeviceChoice.CPU, 4),
                false, false), Fixtures.testModels(), ProgressListener.NONE, () -> false);
        assertEquals(null, plain.refinement());
    }
}
