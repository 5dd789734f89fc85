package org.colorizevideo.plugin;

import ij.ImagePlus;
import ij.WindowManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Frames, width and height of the clip a dialog field names, cheaply, for the time estimate: the
 * current image (empty field), an open image by title, or a folder of frames (its image files counted,
 * the first one's header read). Null for anything else (a video file would need decoding).
 */
final class ClipSize {

    private static final List<String> FRAME_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp");

    private ClipSize() {
    }

    static int[] of(ImagePlus current, String field) {
        String name = field == null ? "" : field.trim();
        ImagePlus image = name.isEmpty() ? current : WindowManager.getImage(name);
        if (image != null) {
            return new int[] {image.getStackSize(), image.getWidth(), image.getHeight()};
        }
        if (name.isEmpty()) {
            return null;
        }
        try {
            Path dir = Path.of(name);
            return Files.isDirectory(dir) ? folder(dir) : null;
        } catch (RuntimeException e) {
            return null; // not a path
        }
    }

    private static int[] folder(Path dir) {
        List<Path> frames;
        try (Stream<Path> files = Files.list(dir)) {
            frames = files.filter(ClipSize::isFrame).sorted().toList();
        } catch (IOException e) {
            return null;
        }
        if (frames.isEmpty()) {
            return null;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(frames.get(0).toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {frames.size(), reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isFrame(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && FRAME_SUFFIXES.stream().anyMatch(n::endsWith);
    }
}
