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

    @Test
    void anUnknownKeyIsNamedWithTheValidOnesAndNothingRuns() throws Exception {
        Path out = tmp.resolve("out");
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = new HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                "input='" + Fixtures.grayFrames() + "',output='" + out + "',refrence='x.png'"));
        assertEquals(2, status[0]);
        assertTrue(err.contains("Colorize Video has no parameter 'refrence'. Did you mean 'reference'?"), err);
        assertTrue(err.contains("Its parameters are: input, output, model,"), err);
        assertTrue(!err.contains("No command named"), err);
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() {
        Path out = tmp.resolve("out");
        int[] status = new int[1];
        String err = stderrOf(() -> status[0] = new HeadlessLauncher().run("--headless", "--run", "Colorize Temporal Refinement",
                "input='gray',processed='colour',output='" + out + "',epochs='abc'"));
        assertEquals(2, status[0]);
        assertTrue(err.contains("The value 'abc' of 'epochs' is not a whole number; write e.g. epochs=4."), err);
        err = stderrOf(() -> status[0] = new HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                "input='gray',output='" + out + "',device='tpu'"));
        assertEquals(2, status[0]);
        assertTrue(err.contains("The value 'tpu' of 'device' is not one of [auto, cpu, gpu]."), err);
        err = stderrOf(() -> status[0] = new HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                "input='gray',output='" + out + "',overwrite='maybe'"));
        assertEquals(2, status[0]);
        assertTrue(err.contains("'overwrite' is not true or false"), err);
        err = stderrOf(() -> status[0] = new HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                "input='gray',output='" + out + "',model=compact"));
        assertEquals(2, status[0]);
        assertTrue(err.contains("compact is not a number nor true/false: text and paths go in quotes, e.g. key='compact'."), err);
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(2, ArgumentCheck.editDistance("refrence", "reference") + 1);
        assertEquals(0, ArgumentCheck.editDistance("batch", "batch"));
        assertEquals(3, ArgumentCheck.editDistance("kitten", "sitting"));
    }
}
