package org.colorizevideo.io;

import ij.ImagePlus;
import ij.ImageStack;
import java.util.HashSet;
import java.util.Set;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColourFrames;
import org.colorizevideo.colorize.LuminanceSource;

/**
 * Frames of an ImagePlus (all slices and time points of a single-channel stack, virtual or not).
 * Reads one slice at a time through the stack, so virtual stacks stay on disk.
 */
public final class ImagePlusSource implements LuminanceSource, ColourFrames {

    private final ImagePlus imp;
    private final ImageStack stack;
    private final LuminanceConverter converter;
    private final String[] names;

    public ImagePlusSource(ImagePlus imp, boolean convertColour) throws ColorizeException {
        if (imp == null) {
            throw new ColorizeException("There is no image to colorize; open a grayscale stack first.");
        }
        if (imp.getNChannels() > 1) {
            throw new ColorizeException("'" + imp.getTitle() + "' has " + imp.getNChannels() + " channels; Colorize "
                    + "works on one gray channel. Pick one with Image > Duplicate... (one channel) or Image > Color > Split Channels.");
        }
        this.imp = imp;
        this.stack = imp.getStack();
        this.converter = new LuminanceConverter(imp.getDisplayRangeMin(), imp.getDisplayRangeMax(), convertColour,
                imp.getTitle());
        this.names = frameNames(stack);
    }

    private static String[] frameNames(ImageStack stack) {
        int n = stack.getSize();
        String[] names = new String[n];
        Set<String> seen = new HashSet<>();
        boolean usable = true;
        for (int i = 0; i < n && usable; i++) {
            String label = stack.getShortSliceLabel(i + 1);
            names[i] = label == null ? null : label.replaceFirst("\\.[A-Za-z0-9]{2,4}$", "").replaceAll("[^A-Za-z0-9._-]", "_");
            usable = names[i] != null && !names[i].isEmpty() && seen.add(names[i]);
        }
        if (!usable) {
            for (int i = 0; i < n; i++) {
                names[i] = String.format("frame_%05d", i + 1);
            }
        }
        return names;
    }

    @Override
    public int[] rgb(int index) {
        return ((int[]) stack.getProcessor(index + 1).convertToRGB().getPixels()).clone();
    }

    public ImagePlus image() {
        return imp;
    }

    @Override
    public int size() {
        return stack.getSize();
    }

    @Override
    public int width() {
        return stack.getWidth();
    }

    @Override
    public int height() {
        return stack.getHeight();
    }

    @Override
    public String frameName(int index) {
        return names[index];
    }

    @Override
    public float[] luminance(int index) throws ColorizeException {
        return converter.toL(stack.getProcessor(index + 1), index + 1);
    }
}
