package org.colorizevideo.instance;

import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import java.awt.Color;

/**
 * The ImageJ side of {@link DetectionTable}: its rows as an {@link ResultsTable} with the same columns.
 * The only class of this package that touches ImageJ.
 */
public final class ImageJDetections {

    private ImageJDetections() {
    }

    /** A new ResultsTable, one row per detection ({@link DetectionTable#COLUMNS}). */
    public static ResultsTable toResultsTable(DetectionTable table) {
        ResultsTable rt = new ResultsTable();
        rt.showRowNumbers(false);
        for (DetectionTable.Row r : table.rows()) {
            Detection d = r.detection();
            rt.incrementCounter();
            rt.addValue(DetectionTable.FRAME, r.frame());
            rt.addValue(DetectionTable.LABEL, d.name());
            rt.addValue(DetectionTable.LABEL_ID, d.label());
            rt.addValue(DetectionTable.SCORE, d.score());
            rt.addValue(DetectionTable.X, d.x0());
            rt.addValue(DetectionTable.Y, d.y0());
            rt.addValue(DetectionTable.WIDTH, d.width());
            rt.addValue(DetectionTable.HEIGHT, d.height());
            rt.addValue(DetectionTable.TRACK, r.track());
            rt.addValue(DetectionTable.MISSED, r.missed());
        }
        return rt;
    }

    /**
     * The boxes as an overlay for the colorized stack: one rectangle per detection on its frame's slice,
     * named "label score", with the label drawn.
     */
    public static Overlay toOverlay(DetectionTable table) {
        Overlay overlay = new Overlay();
        for (DetectionTable.Row r : table.rows()) {
            Detection d = r.detection();
            Roi roi = new Roi(d.x0(), d.y0(), d.width(), d.height());
            roi.setName(String.format(java.util.Locale.ROOT, "%s %.2f", d.name(), d.score()));
            roi.setPosition(r.frame());
            roi.setStrokeColor(Color.YELLOW);
            overlay.add(roi);
        }
        overlay.drawLabels(true);
        overlay.drawNames(true);
        overlay.setLabelColor(Color.YELLOW);
        return overlay;
    }
}
