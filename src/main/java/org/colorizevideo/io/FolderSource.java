package org.colorizevideo.io;

import ij.IJ;
import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColourFrames;
import org.colorizevideo.colorize.LuminanceSource;

/**
 * A folder of frames (png, jpg, tif), in file-name order, opened one at a time. The first frame fixes
 * the size and, for 16/32-bit frames, the display range used for all of them (so brightness does not
 * change from frame to frame).
 */
public final class FolderSource implements LuminanceSource, ColourFrames {

    private final List<Path> files;
    private final int width, height;
    private final LuminanceConverter converter;

    public FolderSource(Path folder, boolean convertColour) throws ColorizeException {
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(FolderSource::isFrame).sorted().toList();
        } catch (IOException e) {
            throw new ColorizeException("The input folder " + folder + " cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new ColorizeException("The input folder " + folder + " holds no frames (.png, .jpg, .tif); nothing to colorize.");
        }
        ImagePlus first = open(files.get(0));
        width = first.getWidth();
        height = first.getHeight();
        converter = new LuminanceConverter(first.getDisplayRangeMin(), first.getDisplayRangeMax(), convertColour,
                folder.getFileName().toString());
    }

    static boolean isFrame(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && !n.startsWith(".")
                && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".tif") || n.endsWith(".tiff"));
    }

    private static ImagePlus open(Path file) throws ColorizeException {
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new ColorizeException("The frame " + file + " cannot be opened as an image; remove it or replace it.");
        }
        if (imp.getStackSize() > 1 || imp.getNChannels() > 1) {
            throw new ColorizeException("The frame " + file + " holds " + imp.getStackSize()
                    + " planes; a folder input must hold one single-plane image per frame.");
        }
        return imp;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public String frameName(int index) {
        return files.get(index).getFileName().toString().replaceFirst("\\.[^.]+$", "");
    }

    @Override
    public int[] rgb(int index) throws ColorizeException {
        return (int[]) open(files.get(index)).getProcessor().convertToRGB().getPixels();
    }

    @Override
    public float[] luminance(int index) throws ColorizeException {
        ImagePlus imp = open(files.get(index));
        if (imp.getWidth() != width || imp.getHeight() != height) {
            throw new ColorizeException("Frame " + files.get(index).getFileName() + " is " + imp.getWidth() + "x"
                    + imp.getHeight() + " but the first frame is " + width + "x" + height + "; all frames must have one size.");
        }
        return converter.toL(imp.getProcessor(), index + 1);
    }
}
