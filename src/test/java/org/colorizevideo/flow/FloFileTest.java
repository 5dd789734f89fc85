package org.colorizevideo.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloFileTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripsAndComputesEndPointError() throws IOException {
        FlowField f = new FlowField(3, 2, new float[] {0, 1, 2, 3, 4, 5}, new float[] {-1, -2, 0.5f, 0, 0, 1e10f});
        Path p = tmp.resolve("f.flo");
        FloFile.write(f, p);
        assertEquals(12 + 8 * 6, Files.size(p));
        FlowField g = FloFile.read(p);
        assertArrayEquals(f.u(), g.u());
        assertArrayEquals(f.v(), g.v());
        // The last vector is "unknown" (> 1e9) and skipped; zero flow vs the other five.
        double expected = (1 + Math.hypot(1, 2) + Math.hypot(2, 0.5) + 3 + 4) / 5;
        assertEquals(expected, FlowField.zero(3, 2).endPointError(g), 1e-6);
    }

    @Test
    void readsTheFixtureFlows() throws IOException {
        Path dir = Path.of(System.getProperty("colorize.projectDir", "."), "test-data", "warp", "flow");
        FlowField fw = FloFile.read(dir.resolve("fw_00000.flo"));
        assertEquals(96, fw.width());
        assertEquals(64, fw.height());
    }

    @Test
    void rejectsOtherFiles() throws IOException {
        Path p = tmp.resolve("x.flo");
        Files.write(p, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertThrows(IOException.class, () -> FloFile.read(p));
    }
}
