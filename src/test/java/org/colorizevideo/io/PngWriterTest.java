package org.colorizevideo.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our PNG files decode, with ImageIO's independent reader, to exactly the pixels written. */
class PngWriterTest {

    @Test
    void decodesToTheSamePixelsAtAnySize() throws Exception {
        PngWriter writer = new PngWriter();   // reused: buffers grow and shrink between frames
        int[][] sizes = {{1, 1}, {3, 2}, {2, 7}, {854, 480}, {17, 5}};
        Random random = new Random(7);
        for (int[] size : sizes) {
            int w = size[0], h = size[1];
            for (int kind = 0; kind < 2; kind++) {
                int[] rgb = new int[w * h];
                for (int p = 0; p < rgb.length; p++) {
                    int x = p % w, y = p / w;
                    // noise (every byte value, every difference) or smooth gradients with saturated ends
                    rgb[p] = kind == 0 ? random.nextInt(1 << 24)
                            : (Math.min(255, x) << 16) | (Math.min(255, 2 * y) << 8) | ((x + y) & 0xff);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                writer.write(rgb, w, h, bytes);
                BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
                assertEquals(w, back.getWidth());
                assertEquals(h, back.getHeight());
                assertEquals(3, back.getColorModel().getNumComponents(), "RGB without alpha");
                int[] decoded = back.getRGB(0, 0, w, h, null, 0, w);
                for (int p = 0; p < decoded.length; p++) {
                    decoded[p] &= 0xffffff;
                }
                assertArrayEquals(rgb, decoded, w + "x" + h + (kind == 0 ? " noise" : " gradients"));
            }
        }
    }

    @Test
    void ignoresAlphaBitsAndReplacesTheFile(@TempDir Path dir) throws Exception {
        int[] rgb = {0xff102030, 0x80fffefd, 0x00000000, 0x7f010203};
        Path file = dir.resolve("frame.png");
        new PngWriter().write(new int[] {1, 2, 3, 4}, 2, 2, file);
        new PngWriter().write(rgb, 2, 2, file);
        BufferedImage back = ImageIO.read(file.toFile());
        int[] decoded = back.getRGB(0, 0, 2, 2, null, 0, 2);
        for (int p = 0; p < 4; p++) {
            assertEquals(rgb[p] & 0xffffff, decoded[p] & 0xffffff);
        }
    }

    @Test
    void refusesAFrameWithTooFewPixels() {
        assertThrows(IllegalArgumentException.class,
                () -> new PngWriter().write(new int[5], 3, 2, new ByteArrayOutputStream()));
    }
}
