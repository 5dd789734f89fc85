package org.colorizevideo.instance;

import ij.measure.ResultsTable;

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
        }
        return rt;
    }
}
