package org.colorizevideo.plugin;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.process.ImageProcessor;
import java.util.concurrent.atomic.AtomicInteger;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.ProgressListener;

/**
 * The dialog's preview: the current slice of the open gray stack colorized with the dialog's settings
 * and laid over the image as an overlay (an {@link ImageRoi} the size of the image), so the user sees
 * the colours in place. The image's pixels are never written: {@link #clear} puts back the overlay
 * the image had, and the slice is byte for byte what it was. The slice is colorized as a clip of one
 * frame (with a keyframe folder: the first keyframe).
 *
 * <p>Each {@link #update} supersedes the one before: the dialog calls it on a background thread when a
 * setting changes, and a result that arrives after a newer request, or after {@link #clear}, is dropped.
 */
final class ColorizePreview {

    private final ImagePlus image;
    private final Overlay original;
    private final ModelLocator locator;
    private final AtomicInteger generation = new AtomicInteger();
    private volatile boolean shown;

    ColorizePreview(ImagePlus image, ModelLocator locator) {
        this.image = image;
        this.original = image.getOverlay() == null ? null : image.getOverlay().duplicate();
        this.locator = locator;
    }

    /**
     * Colorizes the current slice with these settings and shows it over the image; returns a sentence
     * for the status line. A user error (no such model, a gray reference) becomes the sentence and the
     * image keeps its own overlay.
     */
    String update(ColorizeSettings settings) {
        int mine = generation.incrementAndGet();
        ImageProcessor colour;
        try {
            colour = colorizeCurrentSlice(settings);
        } catch (ColorizeException e) {
            if (mine == generation.get()) {
                restore();
            }
            return "Preview: " + e.getMessage();
        }
        synchronized (this) {
            if (mine != generation.get()) {
                return "Preview: superseded";
            }
            Overlay overlay = original == null ? new Overlay() : original.duplicate();
            ImageRoi roi = new ImageRoi(0, 0, colour);
            roi.setName("Colorize preview");
            overlay.add(roi, "Colorize preview");
            image.setOverlay(overlay);
            shown = true;
        }
        return "Preview: slice " + image.getCurrentSlice() + " colorized";
    }

    /** Removes the preview: the image's own overlay (or none) again. Later results of update() are dropped. */
    synchronized void clear() {
        generation.incrementAndGet();
        restore();
    }

    boolean isShown() {
        return shown;
    }

    private synchronized void restore() {
        if (shown) {
            image.setOverlay(original == null ? null : original.duplicate());
            shown = false;
        }
    }

    private ImageProcessor colorizeCurrentSlice(ColorizeSettings settings) throws ColorizeException {
        ImagePlus slice = new ImagePlus(image.getTitle(), image.getProcessor().duplicate());
        slice.setCalibration(image.getCalibration().copy());
        ColorizeVideoJob.Request request = new ColorizeVideoJob.Request(slice, null, null, settings, false, false);
        ColorizeVideoJob.Result result = ColorizeVideoJob.run(request, locator, ProgressListener.NONE,
                () -> false);
        return result.image().getProcessor();
    }
}
