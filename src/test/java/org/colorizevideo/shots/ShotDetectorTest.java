package org.colorizevideo.shots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.colorizevideo.DavisTestClip;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.colorizevideo.video.VideoTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cut detection on real footage (DAVIS dev clips, downscaled 4x): a hard cut made by joining two clips
 * is found at the right frame, and fast motion without a cut (goat: running animal, panning camera) is
 * not taken for one, although its raw luma change exceeds the plain content detector's default of 27.
 * Needs ../shared/data (present in CI); skipped without it.
 */
class ShotDetectorTest {

    private static final int W = 214, H = 120;

    private static Shots detect(DavisTestClip clip, ShotDetector detector) throws Exception {
        return detector.detect(clip.gray(), ProgressListener.NONE, Cancellation.NEVER);
    }

    @Test
    void findsTheCutBetweenTwoClipsAtTheFirstFrameOfTheSecond() throws Exception {
        DavisTestClip joined = DavisTestClip.load("blackswan", 20, W, H).then(DavisTestClip.load("kite-surf", 25, W, H));
        Shots shots = detect(joined, ShotDetector.withDefaults());
        assertEquals(List.of(new Shots.Shot(0, 19), new Shots.Shot(20, 44)), shots.list());
        assertEquals(1, shots.shotOf(20));
        assertEquals(0, shots.shotOf(19));
    }

    @Test
    void fastMotionIsNotACut() throws Exception {
        DavisTestClip goat = DavisTestClip.load("goat", 90, W, H);
        double[] values = ShotDetector.contentValues(goat.gray(), ProgressListener.NONE, Cancellation.NEVER);
        assertTrue(Arrays.stream(values).max().getAsDouble() > 27,
                "goat's luma change would cut with a fixed threshold of 27: " + Arrays.stream(values).max().getAsDouble());
        assertEquals(1, detect(goat, ShotDetector.withDefaults()).size());
    }

    @Test
    void thresholdZeroAndMinimumShotLength() throws Exception {
        DavisTestClip joined = DavisTestClip.load("blackswan", 10, W, H).then(DavisTestClip.load("kite-surf", 20, W, H));
        assertEquals(1, detect(joined, new ShotDetector(0, 15)).size(), "threshold 0: no detection");
        assertEquals(1, detect(joined, new ShotDetector(3, 15)).size(), "a cut 10 frames after the start is ignored");
        assertEquals(List.of(new Shots.Shot(0, 9), new Shots.Shot(10, 29)), detect(joined, new ShotDetector(3, 10)).list());
    }

    @Test
    void shotsCoverEveryFrameOnce() {
        Shots s = Shots.fromStarts(List.of(0, 30, 12), 40);
        assertEquals(List.of(new Shots.Shot(0, 11), new Shots.Shot(12, 29), new Shots.Shot(30, 39)), s.list());
        assertEquals(2, s.shotOf(39));
        assertThrows(IllegalArgumentException.class, () -> new Shots(List.of(new Shots.Shot(0, 5), new Shots.Shot(7, 9)), 10));
        assertThrows(IllegalArgumentException.class, () -> new Shots(List.of(new Shots.Shot(0, 5)), 10));
    }

    @Test
    void tableGivesFramesAndStartTimes(@TempDir Path dir) throws Exception {
        Shots s = Shots.fromStarts(List.of(0, 49, 3000), 3100);
        Path csv = dir.resolve("shots.csv");
        ShotTable.writeCsv(s, VideoTiming.constant(3100, 25), csv);
        assertEquals(List.of("Shot,FirstFrame,LastFrame,Frames,Start time,Start seconds",
                "1,0,48,49,00:00:00.000,0.000000",
                "2,49,2999,2951,00:00:01.960,1.960000",
                "3,3000,3099,100,00:02:00.000,120.000000"), Files.readAllLines(csv));
        assertEquals("01:01:01.500", ShotTable.timecode(3661.5));
    }
}
