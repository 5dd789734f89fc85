package org.colorizevideo.exemplar;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.metrics.RgbFrame;

/**
 * Reference images for exemplar-based colorization: read from a file or taken from an open image, as
 * packed RGB of any size, and refused when they have no colour to give.
 */
public final class ReferenceImages {

    /** A pixel counts as coloured when its channels differ by more than this (8-bit levels). */
    static final int COLOUR_STEP = 6;
    /** A reference needs at least this share of coloured pixels. */
    static final double MIN_COLOURED = 0.01;

    private ReferenceImages() {
    }

    /** Reads a colour image file (png, jpg, tif, …). */
    public static RgbFrame read(Path file) throws ColorizeException {
        if (!Files.isRegularFile(file)) {
            throw new ColorizeException("The reference image " + file + " does not exist.");
        }
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new ColorizeException("The reference " + file + " cannot be opened as an image; give a colour PNG, JPEG or TIFF.");
        }
        return of(imp, file.toString());
    }

    /** The current plane of an open image. */
    public static RgbFrame of(ImagePlus imp, String name) throws ColorizeException {
        if (imp.getNChannels() > 1) {
            throw new ColorizeException("The reference " + name + " has " + imp.getNChannels() + " channels; convert it to "
                    + "one RGB image first (Image > Type > RGB Color).");
        }
        if (imp.getStackSize() > 1) {
            throw new ColorizeException("The reference " + name + " holds " + imp.getStackSize() + " images; give one colour "
                    + "image, or a folder of keyframes named by frame number (00000.png, 00120.png, ...).");
        }
        ImageProcessor ip = imp.getProcessor();
        ColorProcessor cp = ip instanceof ColorProcessor c ? c : ip.convertToColorProcessor();
        RgbFrame frame = new RgbFrame(cp.getWidth(), cp.getHeight(), ((int[]) cp.getPixels()).clone());
        requireColour(frame, name);
        return frame;
    }

    /** Refuses a reference in which fewer than 1 % of the pixels have any colour. */
    static void requireColour(RgbFrame frame, String name) throws ColorizeException {
        double share = colouredShare(frame);
        if (share < MIN_COLOURED) {
            throw new ColorizeException(String.format(java.util.Locale.ROOT, "The reference %s is gray (%.2f %% of its pixels "
                    + "have colour): exemplar colorization takes the colours from the reference, so give a colour image.",
                    name, 100 * share));
        }
    }

    /** Share of pixels whose R, G and B differ by more than {@link #COLOUR_STEP} levels. */
    static double colouredShare(RgbFrame frame) {
        long coloured = 0;
        for (int p : frame.pixels()) {
            int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > COLOUR_STEP) {
                coloured++;
            }
        }
        return coloured / (double) frame.pixels().length;
    }
}
