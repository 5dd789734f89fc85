package org.colorizevideo.io;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.AVI_Reader;
import ij.plugin.FileInfoVirtualStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.video.VideoFileInfo;
import org.colorizevideo.video.VideoFileSource;

/**
 * Opens the {@code input} parameter of a headless run: a folder of frames, a video file decoded by
 * FFmpeg (.mp4, .mov, .mkv, ...; frames on demand), a (multi-page) TIFF or an AVI that ImageJ reads
 * (both opened as virtual stacks, so only the frame in use is in memory), or a single image. Never
 * writes to the input. A video source must be closed after use (it is {@link AutoCloseable}).
 */
public final class InputOpener {

    /** An opened input and how its result should be written. */
    public record Opened(LuminanceSource source, boolean tiff, String baseName, ImagePlus image) {
    }

    /** An input given as an open image or as a path, with the file it came from (null if none). */
    public record Input(LuminanceSource source, boolean tiff, String baseName, ImagePlus image, Path path) {
    }

    private InputOpener() {
    }

    /**
     * The open image when there is one (its original file, if any, is the path used to keep outputs
     * away from it), else the opened path; noInput is the sentence when there is neither.
     */
    public static Input resolve(ImagePlus image, Path input, boolean convertColour, String noInput)
            throws ColorizeException {
        if (image != null) {
            ij.io.FileInfo fi = image.getOriginalFileInfo();
            Path origin = fi != null && fi.directory != null && fi.fileName != null ? Path.of(fi.directory, fi.fileName) : null;
            return new Input(new ImagePlusSource(image, convertColour), fi != null && fi.fileFormat == ij.io.FileInfo.TIFF,
                    image.getTitle().replaceFirst("\\.[^.]+$", ""), image, origin);
        }
        if (input == null) {
            throw new ColorizeException(noInput);
        }
        Opened o = open(input, convertColour);
        return new Input(o.source(), o.tiff(), o.baseName(), o.image(), input);
    }

    public static Opened open(Path input, boolean convertColour) throws ColorizeException {
        if (!Files.exists(input)) {
            throw new ColorizeException("The input " + input + " does not exist.");
        }
        String file = input.getFileName().toString();
        String lower = file.toLowerCase(Locale.ROOT);
        String base = file.replaceFirst("\\.[^.]+$", "");
        if (Files.isDirectory(input)) {
            return new Opened(new FolderSource(input, convertColour), false, file, null);
        }
        if (VideoFileInfo.isVideoFile(input)) {
            return new Opened(VideoFileSource.open(input, convertColour), false, base, null);
        }
        ImagePlus imp;
        if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
            imp = FileInfoVirtualStack.openVirtual(input.toString());
        } else if (lower.endsWith(".avi")) {
            imp = AVI_Reader.open(input.toString(), true);
        } else {
            imp = IJ.openImage(input.toString());
        }
        if (imp == null) {
            throw new ColorizeException("ImageJ cannot open " + input + " (supported: a video file (.mp4, .mov, .mkv, ...), "
                    + "multi-page TIFF, AVI, a folder of .png/.jpg/.tif frames, or a single image).");
        }
        boolean tiff = lower.endsWith(".tif") || lower.endsWith(".tiff");
        return new Opened(new ImagePlusSource(imp, convertColour), tiff, base, imp);
    }
}
