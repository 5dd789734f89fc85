package org.colorizevideo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.colorizevideo.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the headless launcher. */
class HeadlessLauncherTest {

    @TempDir
    Path tmp;

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString();
    }

    @Test
    void userErrorsExitWithOneAndASentence() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "x");
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = new HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                "input='" + Fixtures.grayFrames() + "',output='" + out + "',model='" + Fixtures.model("tiny-logits") + "'"));
        assertEquals(1, status[0]);
        assertTrue(err.contains("Colorize Video failed: The output folder") && err.contains("overwrite=true"), err);
        assertEquals("x", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void unknownCommandsAndMissingArgumentsExitWithTwo() {
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = new HeadlessLauncher().run("--headless", "--run", "Colorise Vidoe", "input='x'"));
        assertEquals(2, status[0]);
        assertTrue(err.contains("No command named 'Colorise Vidoe'"), err);
        assertEquals(2, new HeadlessLauncher().run("--headless"));
    }
}
