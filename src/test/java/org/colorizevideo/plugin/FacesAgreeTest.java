package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.imagej.patcher.LegacyEnvironment;
import org.colorizevideo.Fixtures;
import org.colorizevideo.cli.HeadlessLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

/**
 * The headless launcher, the SciJava command and a recorded IJ1 macro colorize the same fixture to
 * identical output.
 */
public class FacesAgreeTest {

    @TempDir
    Path tmp;

    static String testModel() {
        return Fixtures.model("tiny-logits").toString();
    }

    @Test
    void launcherCommandAndMacroGiveIdenticalFrames() throws Exception {
        Path input = Fixtures.grayFrames();
        Path viaLauncher = tmp.resolve("launcher");
        Path viaCommand = tmp.resolve("command");
        Path viaMacro = tmp.resolve("macro");

        int status = new HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                "input='" + input + "',output='" + viaLauncher + "',model='" + testModel()
                        + "',temperature=0.5,saturation=1.5,device='cpu',batch=3");
        assertEquals(0, status);

        try (Context context = new Context()) {
            context.service(CommandService.class).run(ColorizeVideoCommand.class, true,
                    "input", input.toFile(), "output", viaCommand.toFile(), "model", testModel(),
                    "temperature", 0.5, "saturation", 1.5, "device", "cpu", "batch", 2).get();
        }

        LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
        ij1.addPluginClasspath(pluginClasspath());
        ij1.runMacro("run(\"Colorize Video\", \"input=[" + input + "] output=[" + viaMacro + "] model=[" + testModel()
                + "] temperature=0.5 saturation=1.5 device=cpu batch=4\");", "");

        // the same run without saturation: the key must change the colours (tiny-logits's own gain is 1)
        Path plain = tmp.resolve("plain");
        assertEquals(0, new HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                "input='" + input + "',output='" + plain + "',model='" + testModel() + "',temperature=0.5,device='cpu'"));

        List<Path> frames = Fixtures.pngs(viaLauncher);
        assertEquals(Fixtures.pngs(input).size(), frames.size());
        assertFalse(java.util.Arrays.equals(Fixtures.readRgb(frames.get(0)), Fixtures.readRgb(plain.resolve(frames.get(0).getFileName()))),
                "saturation=1.5 changes the colours");
        for (Path f : frames) {
            int[] reference = Fixtures.readRgb(f);
            assertArrayEquals(reference, Fixtures.readRgb(viaCommand.resolve(f.getFileName())), "command " + f);
            assertArrayEquals(reference, Fixtures.readRgb(viaMacro.resolve(f.getFileName())), "macro " + f);
        }
    }

    /** Our classes and dependencies, for the isolated ImageJ 1.x class loader (which holds ij.jar itself). */
    public static File[] pluginClasspath() {
        List<File> files = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (!name.startsWith("ij-") && !name.startsWith("ij1-patcher") && !name.contains("junit")
                    && !name.contains("surefire") && !entry.endsWith("test-classes")) {
                files.add(new File(entry));
            }
        }
        return files.toArray(new File[0]);
    }
}
