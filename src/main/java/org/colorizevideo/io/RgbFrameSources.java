package org.colorizevideo.io;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.AVI_Reader;
import ij.plugin.FileInfoVirtualStack;
import ij.process.ColorProcessor;
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
import org.colorizevideo.metrics.FrameSource;
import org.colorizevideo.metrics.RgbFrame;

/**
 * Clips for Colorize Measure as {@link FrameSource}s: a video file (FFmpeg), a folder of frames (name order), a multi-page
 * TIFF or AVI (virtual stacks), a single image, or an open ImagePlus. 8-bit, 16-bit and 32-bit
 * frames become RGB through their display range ({@link ImageProcessor#convertToColorProcessor()}),
 * so a gray clip reads as neutral RGB. Never writes.
 */
public final class RgbFrameSources {

    private RgbFrameSources() {
    }

    /** Opens a path the way Colorize Video opens its input. {@code role} names it in messages. */
    public static FrameSource open(Path path, String role) throws ColorizeException {
        if (!Files.exists(path)) {
            throw new ColorizeException("The " + role + " " + path + " does not exist.");
        }
        if (Files.isDirectory(path)) {
            return folder(path, role);
        }
        if (VideoFileInfo.isVideoFile(path)) {
            return video(VideoFileSource.open(path, true), path);
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
            throw new ColorizeException("ImageJ cannot open the " + role + " " + path
                    + " (supported: multi-page TIFF, AVI, a folder of .png/.jpg/.tif frames, or a single image).");
        }
        return of(imp, role);
    }

    /** All slices (and time points) of a single-channel image, in stack order. */
    public static FrameSource of(ImagePlus imp, String role) throws ColorizeException {
        if (imp.getNChannels() > 1 && imp.getType() != ImagePlus.COLOR_RGB) {
            throw new ColorizeException("The " + role + " '" + imp.getTitle() + "' has " + imp.getNChannels()
                    + " channels; give an RGB stack or a single-channel one (Image > Color > Stack to RGB).");
        }
        ImageStack stack = imp.getStack();
        String title = "'" + imp.getTitle() + "'";
        return new FrameSource() {
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
            public RgbFrame frame(int index) throws ColorizeException {
                ImageProcessor ip = stack.getProcessor(index + 1);
                if (ip == null) {
                    throw new ColorizeException("Frame " + (index + 1) + " of " + title + " cannot be read.");
                }
                if (!(ip instanceof ColorProcessor)) {
                    ip.setMinAndMax(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
                }
                return toFrame(ip);
            }

            @Override
            public String description() {
                return title;
            }
        };
    }

    /** A video file decoded by FFmpeg, frame by frame (closing the source releases the decoder). */
    private static FrameSource video(VideoFileSource v, Path path) {
        return new FrameSource() {
            @Override
            public int size() {
                return v.size();
            }

            @Override
            public int width() {
                return v.width();
            }

            @Override
            public int height() {
                return v.height();
            }

            @Override
            public RgbFrame frame(int index) throws ColorizeException {
                return new RgbFrame(v.width(), v.height(), v.rgb(index));
            }

            @Override
            public String description() {
                return path.toString();
            }

            @Override
            public void close() {
                v.close();
            }
        };
    }

    private static FrameSource folder(Path dir, String role) throws ColorizeException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(FolderSource::isFrame).sorted().toList();
        } catch (IOException e) {
            throw new ColorizeException("The " + role + " folder " + dir + " cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new ColorizeException("The " + role + " folder " + dir + " holds no frames (.png, .jpg, .tif).");
        }
        ImagePlus first = openFrame(files.get(0));
        int w = first.getWidth();
        int h = first.getHeight();
        return new FrameSource() {
            @Override
            public int size() {
                return files.size();
            }

            @Override
            public int width() {
                return w;
            }

            @Override
            public int height() {
                return h;
            }

            @Override
            public RgbFrame frame(int index) throws ColorizeException {
                ImagePlus imp = openFrame(files.get(index));
                if (imp.getWidth() != w || imp.getHeight() != h) {
                    throw new ColorizeException("Frame " + files.get(index).getFileName() + " is " + imp.getWidth() + "x"
                            + imp.getHeight() + " but the first frame of " + dir + " is " + w + "x" + h + ".");
                }
                return toFrame(imp.getProcessor());
            }

            @Override
            public String description() {
                return dir.toString();
            }

            @Override
            public boolean concurrent() {
                return true; // one file per frame, each opened on its own
            }
        };
    }

    private static ImagePlus openFrame(Path file) throws ColorizeException {
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new ColorizeException("The frame " + file + " cannot be opened as an image.");
        }
        return imp;
    }

    private static RgbFrame toFrame(ImageProcessor ip) {
        ColorProcessor cp = ip instanceof ColorProcessor c ? c : ip.convertToColorProcessor();
        return new RgbFrame(cp.getWidth(), cp.getHeight(), (int[]) cp.getPixels());
    }
}
