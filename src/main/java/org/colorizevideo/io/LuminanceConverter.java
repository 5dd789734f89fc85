package org.colorizevideo.io;

import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Lab;

/**
 * Converts one ImageJ frame to L*: 8-bit values are gray levels; 16- and 32-bit values are mapped to
 * 0..255 through the stack's display range (what the user sees); RGB frames must be neutral gray
 * unless the user asked to convert colour, in which case their own L* is used.
 */
final class LuminanceConverter {

    private static final double[] LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            LINEAR[i] = Lab.srgbToLinear(i / 255.0);
        }
    }

    private final double min, max;
    private final boolean convertColour;
    private final String title;

    LuminanceConverter(double displayMin, double displayMax, boolean convertColour, String title) {
        this.min = displayMin;
        this.max = displayMax;
        this.convertColour = convertColour;
        this.title = title;
    }

    float[] toL(ImageProcessor ip, int frame) throws ColorizeException {
        int n = ip.getWidth() * ip.getHeight();
        float[] l = new float[n];
        switch (ip.getBitDepth()) {
            case 8 -> {
                byte[] px = (byte[]) ip.getPixels();
                for (int i = 0; i < n; i++) {
                    l[i] = FastLab.grayToL(px[i] & 0xff);
                }
            }
            case 24 -> rgbToL((int[]) ip.getPixels(), (ColorProcessor) ip, frame, l);
            default -> scaledToL(ip, frame, l);
        }
        return l;
    }

    private void scaledToL(ImageProcessor ip, int frame, float[] l) throws ColorizeException {
        if (!(max > min)) {
            throw new ColorizeException("The display range of '" + title + "' is empty (" + min + ".." + max
                    + "); 16- and 32-bit frames are mapped to gray through it. Set it with Image > Adjust > Brightness/Contrast.");
        }
        boolean isFloat = ip instanceof FloatProcessor;
        double scale = 1.0 / (max - min);
        for (int i = 0; i < l.length; i++) {
            float v = isFloat ? Float.intBitsToFloat(ip.get(i)) : ip.get(i);
            if (Float.isNaN(v)) {
                throw new ColorizeException("Frame " + frame + " of '" + title + "' contains NaN pixels (the first at x="
                        + (i % ip.getWidth()) + ", y=" + (i / ip.getWidth()) + "). Replace them first, e.g. with "
                        + "Process > Math > Remove NaNs..., then colorize again.");
            }
            double g = Math.min(1.0, Math.max(0.0, (v - min) * scale));
            l[i] = (float) Lab.grayToL(g);
        }
    }

    private void rgbToL(int[] px, ColorProcessor ip, int frame, float[] l) throws ColorizeException {
        for (int i = 0; i < px.length; i++) {
            int c = px[i];
            int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
            if (r == g && g == b) {
                l[i] = FastLab.grayToL(g);
            } else if (convertColour) {
                double y = 0.212671 * LINEAR[r] + 0.715160 * LINEAR[g] + 0.072169 * LINEAR[b];
                l[i] = (float) (116.0 * (y > 0.008856 ? Math.cbrt(y) : 7.787 * y + 16.0 / 116.0) - 16.0);
            } else {
                throw new ColorizeException("Frame " + frame + " of '" + title + "' is a colour image, not gray (pixel x="
                        + (i % ip.getWidth()) + ", y=" + (i / ip.getWidth()) + " is " + r + "," + g + "," + b
                        + "). Convert it to grayscale first (Image > Type > 8-bit), or set convert=true to colorize "
                        + "the luminance (L*) of the colour frames.");
            }
        }
    }
}
