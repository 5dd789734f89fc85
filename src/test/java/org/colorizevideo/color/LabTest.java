package org.colorizevideo.color;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.colorizevideo.Fixtures;
import org.junit.jupiter.api.Test;

/** Lab conversions against scikit-image's rgb2lab/lab2rgb values (test-data/lab, made by make_fixtures.py). */
class LabTest {

    @Test
    void rgbToLabMatchesScikitImageOn10240Colours() throws Exception {
        ByteBuffer in = Fixtures.readLittleEndian(Fixtures.testData("lab", "rgb2lab_in_u8.bin"));
        ByteBuffer ref = Fixtures.readLittleEndian(Fixtures.testData("lab", "rgb2lab_out_f64.bin"));
        int n = in.capacity() / 3;
        assertTrue(n >= 10000, "at least 10,000 colours");
        double[] lab = new double[3];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            Lab.rgbToLab((in.get() & 0xff) / 255.0, (in.get() & 0xff) / 255.0, (in.get() & 0xff) / 255.0, lab);
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs(lab[c] - ref.getDouble()));
            }
        }
        System.out.printf("rgb2lab: %d colours, max |diff| = %.3g (L*a*b* units)%n", n, worst);
        assertTrue(worst < 1e-3, "max difference " + worst);
    }

    @Test
    void labToRgbMatchesScikitImageOn10240Colours() throws Exception {
        ByteBuffer in = Fixtures.readLittleEndian(Fixtures.testData("lab", "lab2rgb_in_f32.bin"));
        ByteBuffer ref = Fixtures.readLittleEndian(Fixtures.testData("lab", "lab2rgb_out_f64.bin"));
        int n = in.capacity() / 12;
        assertTrue(n >= 10000);
        double[] rgb = new double[3];
        double[] back = new double[3];
        double worstRgb = 0, worstLab = 0;
        for (int i = 0; i < n; i++) {
            double l = in.getFloat(), a = in.getFloat(), b = in.getFloat();
            Lab.labToRgb(l, a, b, rgb);
            double[] expected = {ref.getDouble(), ref.getDouble(), ref.getDouble()};
            for (int c = 0; c < 3; c++) {
                worstRgb = Math.max(worstRgb, Math.abs(rgb[c] - expected[c]));
            }
            // The same difference expressed in L*a*b* units: convert both back.
            double[] labJava = new double[3];
            Lab.rgbToLab(rgb[0], rgb[1], rgb[2], labJava);
            Lab.rgbToLab(expected[0], expected[1], expected[2], back);
            for (int c = 0; c < 3; c++) {
                worstLab = Math.max(worstLab, Math.abs(labJava[c] - back[c]));
            }
        }
        System.out.printf("lab2rgb: %d colours, max |diff| = %.3g (sRGB 0..1), %.3g (L*a*b* units)%n", n, worstRgb, worstLab);
        assertTrue(worstRgb < 1e-6, "rgb difference " + worstRgb);
        assertTrue(worstLab < 1e-3, "lab difference " + worstLab);
    }

    @Test
    void fastPathAgreesWithExactConversionInsideTheGamutAndKeepsLuminanceOutside() {
        double[] rgb = new double[3];
        double[] lab = new double[3];
        java.util.Random random = new java.util.Random(5);
        int worst = 0, inGamut = 0;
        double worstL = 0;
        for (int i = 0; i < 200_000; i++) {
            float l = random.nextFloat() * 100f, a = random.nextFloat() * 220f - 110f, b = random.nextFloat() * 220f - 110f;
            int fast = FastLab.labToRgb(l, a, b);
            Lab.labToRgb(l, a, b, rgb);
            if (rgb[0] > 0.001 && rgb[0] < 0.999 && rgb[1] > 0.001 && rgb[1] < 0.999 && rgb[2] > 0.001 && rgb[2] < 0.999) {
                int exact = ((int) Math.floor(rgb[0] * 255 + 0.5) << 16) | ((int) Math.floor(rgb[1] * 255 + 0.5) << 8)
                        | (int) Math.floor(rgb[2] * 255 + 0.5);
                worst = Math.max(worst, Fixtures.maxChannelDiff(exact, fast));
                inGamut++;
            }
            Lab.rgbToLab(((fast >> 16) & 0xff) / 255.0, ((fast >> 8) & 0xff) / 255.0, (fast & 0xff) / 255.0, lab);
            worstL = Math.max(worstL, Math.abs(lab[0] - l));
        }
        System.out.printf("fast Lab->RGB: %d in-gamut colours within %d level; |dL*| <= %.3f on all 200000%n",
                inGamut, worst, worstL);
        assertTrue(inGamut > 20_000);
        assertTrue(worst <= 1, "fast path differs by " + worst + " levels");
        assertTrue(worstL < 1.0, "gamut mapping changed L* by " + worstL);
        for (int g = 0; g < 256; g++) {
            assertEquals(Lab.grayToL(g / 255.0), FastLab.grayToL(g), 1e-4);
        }
    }

    @Test
    void grayIsNeutral() {
        double[] lab = new double[3];
        for (int g = 0; g < 256; g += 15) {
            Lab.rgbToLab(g / 255.0, g / 255.0, g / 255.0, lab);
            assertEquals(lab[0], Lab.grayToL(g / 255.0), 1e-9);
            assertEquals(0.0, lab[1], 1e-2); // scikit-image's D65 white (1.08883) and matrix row sums differ by 7e-5: b* reaches 5e-3 at white
            assertEquals(0.0, lab[2], 1e-2);
        }
    }
}
