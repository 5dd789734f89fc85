package org.colorizevideo.exemplar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.colorizevideo.color.Lab;
import org.colorizevideo.instance.GrayLevels;
import org.colorizevideo.metrics.RgbFrame;
import org.junit.jupiter.api.Test;

/**
 * A reference recognises the frame it was made from (the L*-neutral 8-bit gray of it), not a neighbouring
 * frame of the shot, nor a frame of another size, and gives its own a*b* for it.
 */
class ReferenceOwnFrameTest {

    static final int W = 160, H = 90;

    /** A colour picture shifted by dx pixels: smooth hues and a lightness ramp with stripes. */
    static RgbFrame picture(int dx) {
        int[] rgb = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int u = x - dx;
                int r = (int) (128 + 100 * Math.sin(u * 0.07)), g = (int) (128 + 90 * Math.cos(y * 0.11 + u * 0.02));
                int b = (u / 6) % 2 == 0 ? 200 : 40;
                rgb[y * W + x] = r << 16 | g << 8 | b;
            }
        }
        return new RgbFrame(W, H, rgb);
    }

    /** The frame as the plugin holds the L*-neutral gray made from a colour picture: L* of 8-bit gray levels. */
    static float[] grayLStar(RgbFrame colour) {
        double[] lab = new double[3];
        int[] levels = new int[colour.pixels().length];
        for (int i = 0; i < levels.length; i++) {
            Lab.rgbToLab(colour.pixels()[i], lab);
            levels[i] = GrayLevels.level((float) lab[0]);
        }
        return GrayLevels.lStar(levels);
    }

    @Test
    void theReferenceRecognisesItsOwnFrameOnly() {
        RgbFrame reference = picture(0);
        ReferenceOwnFrame own = new ReferenceOwnFrame(reference);
        assertTrue(own.isItsFrame(grayLStar(reference), W, H), "the gray of the reference itself");
        assertFalse(own.isItsFrame(grayLStar(picture(3)), W, H), "the shot 3 pixels on");
        float[] smaller = new float[(W - 2) * H];
        assertFalse(own.isItsFrame(smaller, W - 2, H), "another size");
    }

    @Test
    void itsColoursAreTheReferencesAStarBStar() {
        RgbFrame reference = picture(0);
        float[][] ab = new ReferenceOwnFrame(reference).ab();
        double[] lab = new double[3];
        for (int i : new int[] {0, 1234, W * H - 1}) {
            Lab.rgbToLab(reference.pixels()[i], lab);
            assertEquals(lab[1], ab[0][i], 1e-4);
            assertEquals(lab[2], ab[1][i], 1e-4);
        }
    }
}
