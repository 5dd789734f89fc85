package org.colorizevideo.io;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.AVI_Reader;
import ij.plugin.FileInfoVirtualStack;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.video.VideoFileInfo;
import org.colorizevideo.video.VideoFileSource;
import org.colorizevideo.dvp.RgbSource;

/**
 * A per-frame processed clip (e.g. colorized frame by frame) as packed RGB: a video file (FFmpeg), a
 * folder of frames in name order, a (multi-page) TIFF or AVI opened as a virtual stack, or an open image. One frame is
 * read at a time; gray frames count as neutral colours. Never writes.
 */
public final class RgbFrames implements RgbSource, AutoCloseable {

    private final List<Path> files;
    private VideoFileSource video;
    private final ImageStack stack;
    private final int width, height;
    private final String name;

    private RgbFrames(List<Path> files, ImageStack stack, int width, int height, String name) {
        this.files = files;
        this.stack = stack;
        this.width = width;
        this.height = height;
        this.name = name;
    }

    public static RgbFrames of(ImagePlus imp) throws ColorizeException {
        if (imp == null) {
            throw new ColorizeException("There is no processed image; open the per-frame result first.");
        }
        if (imp.getNChannels() > 1) {
            throw new ColorizeException("'" + imp.getTitle() + "' is a " + imp.getNChannels() + "-channel hyperstack; "
                    + "convert it to an RGB stack first (Image > Type > RGB Color).");
        }
        return new RgbFrames(null, imp.getStack(), imp.getWidth(), imp.getHeight(), imp.getTitle());
    }

    public static RgbFrames open(Path path) throws ColorizeException {
        if (!Files.exists(path)) {
            throw new ColorizeException("The processed clip " + path + " does not exist.");
        }
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(FolderSource::isFrame).sorted().toList();
            } catch (IOException e) {
                throw new ColorizeException("The folder " + path + " cannot be read: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new ColorizeException("The folder " + path + " holds no frames (.png, .jpg, .tif).");
            }
            ImagePlus first = openFrame(files.get(0));
            return new RgbFrames(files, null, first.getWidth(), first.getHeight(), path.getFileName().toString());
        }
        if (VideoFileInfo.isVideoFile(path)) {
            VideoFileSource v = VideoFileSource.open(path, true);
            RgbFrames frames = new RgbFrames(null, null, v.width(), v.height(), path.getFileName().toString());
            frames.video = v;
            return frames;
        }
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        ImagePlus imp;
        if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
            imp = FileInfoVirtualStack.openVirtual(path.toString());
        } else if (lower.endsWith(".avi")) {
            imp = AVI_Reader.open(path.toString(), true);
        } else {
            imp = IJ.openImage(path.toString());
        }
        if (imp == null) {
            throw new ColorizeException("ImageJ cannot open the processed clip " + path + ".");
        }
        return of(imp);
    }

    private static ImagePlus openFrame(Path file) throws ColorizeException {
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new ColorizeException("The frame " + file + " cannot be opened as an image.");
        }
        return imp;
    }

    @Override
    public int size() {
        return video != null ? video.size() : files != null ? files.size() : stack.getSize();
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
    public int[] rgb(int index) throws ColorizeException {
        if (video != null) {
            return video.rgb(index);
        }
        ImageProcessor ip;
        if (files != null) {
            ip = openFrame(files.get(index)).getProcessor();
        } else {
            ip = stack.getProcessor(index + 1);
        }
        if (ip.getWidth() != width || ip.getHeight() != height) {
            throw new ColorizeException("Frame " + (index + 1) + " of '" + name + "' is " + ip.getWidth() + "x" + ip.getHeight()
                    + " but the first frame is " + width + "x" + height + "; all frames must have one size.");
        }
        int[] px = (int[]) ip.convertToRGB().getPixels();
        return ip.getBitDepth() == 24 ? px.clone() : px;
    }

    /** Releases the decoder of a video file (nothing to do for frames and stacks). */
    @Override
    public void close() {
        if (video != null) {
            video.close();
        }
    }
}
