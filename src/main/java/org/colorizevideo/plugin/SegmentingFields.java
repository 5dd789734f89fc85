package org.colorizevideo.plugin;

import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.shots.ShotDetector;
import org.colorizevideo.shots.ShotTable;

/**
 * The dialog keys of scene cuts and chunks for refinement (cuts, min_shot, chunk, overlap), shared by
 * the IJ1 dialogs of Colorize Video and Colorize Temporal Refinement, and the Shots results table.
 */
final class SegmentingFields {

    private SegmentingFields() {
    }

    static void add(GenericDialog gd) {
        gd.addNumericField("cuts", ShotDetector.DEFAULT_THRESHOLD, 2, 6,
                "(scene cuts: how many times a frame's change must exceed its neighbours'; 0 = no cut detection)");
        gd.addNumericField("min_shot", ShotDetector.DEFAULT_MIN_SHOT, 0, 6, "(frames a shot has at least)");
        gd.addNumericField("chunk", Segmenting.DEFAULT_CHUNK, 0, 6, "(most frames refined together; long shots go in chunks)");
        gd.addNumericField("overlap", Segmenting.DEFAULT_OVERLAP, 0, 6, "(frames shared and blended between chunks)");
    }

    /** Reads the four fields in the order {@link #add} put them. */
    static Segmenting next(GenericDialog gd) {
        double cuts = gd.getNextNumber();
        int minShot = (int) gd.getNextNumber();
        int chunk = (int) gd.getNextNumber();
        int overlap = (int) gd.getNextNumber();
        return new Segmenting(cuts, minShot, chunk, overlap); // validated by the job
    }

    /** The shots as a results table named "Shots", when the refinement found more than one. */
    static void show(java.util.List<ShotTable.Row> shots) {
        if (shots == null || shots.size() < 2 || java.awt.GraphicsEnvironment.isHeadless()) {
            return;
        }
        ResultsTable rt = new ResultsTable();
        for (ShotTable.Row r : shots) {
            rt.incrementCounter();
            rt.addValue("Shot", r.shot());
            rt.addValue("FirstFrame", r.firstFrame());
            rt.addValue("LastFrame", r.lastFrame());
            rt.addValue("Frames", r.frames());
            rt.addValue("Start time", r.startTime());
            rt.addValue("Start seconds", r.startSeconds());
        }
        rt.show("Shots");
    }
}
