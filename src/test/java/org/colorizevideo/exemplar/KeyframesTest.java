package org.colorizevideo.exemplar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.metrics.RgbFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyframe folders: which keyframe colours which frame, and a sentence for every bad folder or reference. */
class KeyframesTest {

    @TempDir
    Path tmp;

    /** A w x h image filled with one colour, saved as PNG. */
    static Path png(Path file, int rgb, int w, int h) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, rgb);
            }
        }
        String name = file.getFileName().toString();
        ImageIO.write(im, name.substring(name.lastIndexOf('.') + 1), file.toFile());
        return file;
    }

    @Test
    void eachFrameTakesTheLastKeyframeAtOrBeforeItAndEarlierFramesTakeTheFirst() throws Exception {
        Path dir = tmp.resolve("keys");
        png(dir.resolve("00010.png"), 0xc03020, 30, 20);
        png(dir.resolve("00120.png"), 0x2040c0, 50, 20);
        png(dir.resolve("00060.jpg"), 0x20c040, 20, 40);
        Keyframes k = Keyframes.open(dir, 200);
        assertEquals(3, k.size());
        assertEquals(10, k.get(0).frame());
        assertEquals(60, k.get(1).frame());
        assertEquals(120, k.get(2).frame());
        int[][] expected = {{0, 0}, {9, 0}, {10, 0}, {59, 0}, {60, 1}, {119, 1}, {120, 2}, {199, 2}};
        for (int[] e : expected) {
            assertEquals(e[1], k.indexFor(e[0]), "frame " + e[0]);
        }
        RgbFrame second = k.get(1).source().read();
        assertEquals(20, second.width());
        assertEquals(40, second.height());
    }

    @Test
    void withScenesEachShotTakesItsOwnKeyframeFirst() {
        Keyframes.Source none = () -> null;
        Keyframes k = Keyframes.of(java.util.List.of(new Keyframes.Keyframe(0, "a", none),
                new Keyframes.Keyframe(30, "b", none), new Keyframes.Keyframe(55, "c", none)));
        org.colorizevideo.shots.Shots shots = org.colorizevideo.shots.Shots.fromStarts(java.util.List.of(0, 20, 50), 70);
        Keyframes perShot = k.perShot(shots);
        assertEquals(0, perShot.indexFor(19));
        assertEquals(1, perShot.indexFor(20), "shot 2 starts with its own keyframe (30), not shot 1's");
        assertEquals(1, perShot.indexFor(29));
        assertEquals(1, perShot.indexFor(49));
        assertEquals(2, perShot.indexFor(50), "shot 3's keyframe (55) from its first frame");
        assertEquals(0, k.indexFor(20), "without shots: the last keyframe at or before the frame");
        assertEquals(1, k.indexFor(50));
        assertTrue(perShot.startsShot(20) && perShot.startsShot(50));
        assertFalse(perShot.startsShot(0) || perShot.startsShot(21) || k.startsShot(20));
        Keyframes sparse = Keyframes.of(java.util.List.of(new Keyframes.Keyframe(0, "a", none),
                new Keyframes.Keyframe(10, "b", none))).perShot(shots);
        assertEquals(1, sparse.indexFor(25), "a shot without keyframes falls back to the clip-wide rule");
    }

    @Test
    void aSingleImageColoursEveryFrame() throws Exception {
        Keyframes k = Keyframes.open(png(tmp.resolve("ref.png"), 0xc03020, 64, 48), 5);
        assertEquals(1, k.size());
        assertEquals(0, k.indexFor(4));
        assertEquals(0xc03020, k.get(0).source().read().pixels()[0] & 0xffffff);
    }

    @Test
    void namesThatAreNotFrameNumbersAreRefusedWithTheName() throws Exception {
        Path dir = tmp.resolve("keys");
        png(dir.resolve("00000.png"), 0xc03020, 8, 8);
        png(dir.resolve("sunset.png"), 0xc03020, 8, 8);
        ColorizeException e = assertThrows(ColorizeException.class, () -> Keyframes.open(dir, 10));
        assertTrue(e.getMessage().contains("'sunset.png', whose name is not a frame number"), e.getMessage());
    }

    @Test
    void keyframesBeyondTheClipAreRefused() throws Exception {
        Path dir = tmp.resolve("keys");
        png(dir.resolve("00000.png"), 0xc03020, 8, 8);
        png(dir.resolve("00010.png"), 0xc03020, 8, 8);
        ColorizeException e = assertThrows(ColorizeException.class, () -> Keyframes.open(dir, 10));
        assertTrue(e.getMessage().contains("is for frame 10, beyond the clip, which has 10 frames (0 to 9)"), e.getMessage());
    }

    @Test
    void twoKeyframesForOneFrameAreRefused() throws Exception {
        Path dir = tmp.resolve("keys");
        png(dir.resolve("00003.png"), 0xc03020, 8, 8);
        png(dir.resolve("3.jpg"), 0xc03020, 8, 8);
        ColorizeException e = assertThrows(ColorizeException.class, () -> Keyframes.open(dir, 10));
        assertTrue(e.getMessage().contains("are both for frame 3"), e.getMessage());
    }

    @Test
    void anEmptyFolderAndAMissingPathAreRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(assertThrows(ColorizeException.class, () -> Keyframes.open(dir, 10)).getMessage().contains("holds no image"));
        assertTrue(assertThrows(ColorizeException.class, () -> Keyframes.open(tmp.resolve("nope.png"), 10)).getMessage()
                .contains("does not exist"));
    }

    @Test
    void aGrayReferenceIsRefusedEvenAsRgbAndInsideAFolder() throws Exception {
        Path gray = png(tmp.resolve("gray.png"), 0x808080, 16, 16);
        ColorizeException e = assertThrows(ColorizeException.class, () -> Keyframes.open(gray, 10));
        assertTrue(e.getMessage().contains("is gray") && e.getMessage().contains("give a colour image"), e.getMessage());
        Path dir = tmp.resolve("keys");
        png(dir.resolve("00000.png"), 0xc03020, 8, 8);
        png(dir.resolve("00005.png"), 0x777777, 8, 8);
        e = assertThrows(ColorizeException.class, () -> Keyframes.open(dir, 10));
        assertTrue(e.getMessage().contains("00005.png is gray"), e.getMessage());
    }

    @Test
    void anUnreadableReferenceIsRefused() throws Exception {
        Path bad = Files.writeString(tmp.resolve("ref.png"), "not an image");
        ColorizeException e = assertThrows(ColorizeException.class, () -> Keyframes.open(bad, 10));
        assertTrue(e.getMessage().contains("cannot be opened as an image"), e.getMessage());
    }

    @Test
    void aFewColouredPixelsAreNotEnough() {
        int[] px = new int[1000];
        java.util.Arrays.fill(px, 0x606060);
        for (int i = 0; i < 9; i++) {
            px[i] = 0xff0000;
        }
        assertThrows(ColorizeException.class, () -> ReferenceImages.requireColour(new RgbFrame(100, 10, px), "r"));
        px[9] = 0xff0000;
        assertEquals(0.01, ReferenceImages.colouredShare(new RgbFrame(100, 10, px)), 1e-12);
    }
}
