package org.colorizevideo.hints;

import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import java.awt.Color;
import java.awt.Point;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.Lab;

/**
 * ImageJ selections as colour hints: the gesture is Fiji's own. Mark places with the point, line,
 * freehand or any area tool, give each selection the wanted colour as its stroke colour (Edit >
 * Selection > Properties..., or the colour the ROI Manager / overlay shows) and add it to the ROI
 * Manager or the overlay (or save them as a RoiSet .zip / .roi file for macros and headless runs).
 * Points are clicks (a small square each), lines paint the pixels along them, areas every pixel inside.
 * The frame is the selection's position in the stack (its T or slice position), else the given one.
 * Only the stroke colour's a*b* are used.
 */
public final class RoiHints {

    private RoiHints() {
    }

    /**
     * Hints from selections on a clip of frameCount frames of width x height.
     *
     * @param defaultFrame 0-based frame for selections without a position
     * @throws ColorizeException a selection without a colour, outside the frame or on a frame the clip
     *     does not have
     */
    public static List<ColourHint> fromRois(List<Roi> rois, int width, int height, int frameCount, int defaultFrame)
            throws ColorizeException {
        List<ColourHint> hints = new ArrayList<>();
        for (int i = 0; i < rois.size(); i++) {
            Roi roi = rois.get(i);
            String label = "Hint " + (i + 1) + (roi.getName() == null ? "" : " ('" + roi.getName() + "')");
            Color colour = roi.getStrokeColor() != null ? roi.getStrokeColor() : roi.getFillColor();
            if (colour == null) {
                throw new ColorizeException(label + " has no colour: give each selection the wanted colour as its stroke "
                        + "colour (Edit > Selection > Properties..., or Roi.setStrokeColor in a macro).");
            }
            int position = roi.getTPosition() > 0 ? roi.getTPosition() : roi.getPosition();
            int frame = position > 0 ? position - 1 : defaultFrame;
            if (frame < 0 || frame >= frameCount) {
                throw new ColorizeException(label + " is on frame " + (frame + 1) + " but the clip has " + frameCount
                        + " frame" + (frameCount == 1 ? "" : "s") + ".");
            }
            List<Point> pixels = pixels(roi);
            for (Point p : pixels) {
                if (p.x < 0 || p.y < 0 || p.x >= width || p.y >= height) {
                    throw new ColorizeException(label + " reaches (" + p.x + ", " + p.y + "), outside the " + width + "x"
                            + height + " frame; move or shrink it.");
                }
            }
            if (pixels.isEmpty()) {
                throw new ColorizeException(label + " covers no pixel of the frame.");
            }
            double[] lab = new double[3];
            Lab.rgbToLab(colour.getRed() / 255.0, colour.getGreen() / 255.0, colour.getBlue() / 255.0, lab);
            int[] xs = pixels.stream().mapToInt(p -> p.x).toArray(), ys = pixels.stream().mapToInt(p -> p.y).toArray();
            hints.add(new ColourHint(frame, xs, ys, roi instanceof PointRoi, (float) lab[1], (float) lab[2], label));
        }
        return hints;
    }

    /** The frame pixels a selection covers: its points, the pixels along a line, or those inside an area. */
    static List<Point> pixels(Roi roi) {
        if (roi instanceof PointRoi || roi.isArea()) {
            Point[] contained = roi instanceof PointRoi points ? pointsOf(points) : roi.getContainedPoints();
            return List.of(contained);
        }
        // lines: one point per pixel of length along the line, in the pixel it falls in
        LinkedHashSet<Point> pixels = new LinkedHashSet<>();
        var along = roi.getInterpolatedPolygon(1.0, false);
        for (int i = 0; i < along.npoints; i++) {
            pixels.add(new Point((int) Math.floor(along.xpoints[i]), (int) Math.floor(along.ypoints[i])));
        }
        return new ArrayList<>(pixels);
    }

    private static Point[] pointsOf(PointRoi roi) {
        var poly = roi.getFloatPolygon();
        Point[] points = new Point[poly.npoints];
        for (int i = 0; i < poly.npoints; i++) {
            points[i] = new Point((int) Math.floor(poly.xpoints[i]), (int) Math.floor(poly.ypoints[i]));
        }
        return points;
    }

    /** Reads an ImageJ .roi file or a RoiSet .zip (as the ROI Manager saves them). */
    public static List<Roi> read(Path file) throws ColorizeException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new ColorizeException("The hints file " + file + " does not exist.");
        }
        List<Roi> rois = new ArrayList<>();
        try {
            if (name.endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        if (e.getName().toLowerCase(Locale.ROOT).endsWith(".roi")) {
                            rois.add(decode(zip.readAllBytes(), e.getName(), file));
                        }
                    }
                }
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    rois.add(decode(in.readAllBytes(), file.getFileName().toString(), file));
                }
            }
        } catch (IOException e) {
            throw new ColorizeException("The hints file " + file + " could not be read: " + e.getMessage(), e);
        }
        if (rois.isEmpty()) {
            throw new ColorizeException("The hints file " + file + " holds no ImageJ selection; save hints from the ROI "
                    + "Manager (More > Save...) as a .zip or a single .roi file.");
        }
        return rois;
    }

    private static Roi decode(byte[] bytes, String entry, Path file) throws ColorizeException {
        Roi roi = bytes.length >= 4 && bytes[0] == 'I' && bytes[1] == 'o' && bytes[2] == 'u' && bytes[3] == 't'
                ? RoiDecoder.openFromByteArray(bytes) : null;
        if (roi == null) {
            throw new ColorizeException("'" + entry + "' in " + file + " is not an ImageJ selection (.roi); save hints "
                    + "from the ROI Manager (More > Save...).");
        }
        if (roi.getName() == null) {
            roi.setName(entry.replaceFirst("(?i)\\.roi$", ""));
        }
        return roi;
    }
}
