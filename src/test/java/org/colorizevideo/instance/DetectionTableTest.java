package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.measure.ResultsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detections of a clip as CSV and as an ImageJ ResultsTable. */
class DetectionTableTest {

    @TempDir
    Path tmp;

    static DetectionTable table() {
        DetectionTable t = new DetectionTable();
        t.add(1, List.of(new Detection(1, "person", 0.875f, 10.5f, 20f, 30.5f, 60f),
                new Detection(62, "chair, \"big\"", 0.75f, 0f, 1f, 2f, 4f)));
        t.add(2, List.of());
        t.add(3, List.of(new Detection(3, "car", 0.5f, 100f, 50f, 160f, 80.25f)));
        return t;
    }

    @Test
    void csvHasOneLinePerDetection() throws Exception {
        String expected = """
                Frame,Label,LabelId,Score,X,Y,Width,Height,Track,Missed
                1,person,1,0.875,10.5,20.0,20.0,40.0,0,0
                1,"chair, \"\"big\"\"",62,0.75,0.0,1.0,2.0,3.0,0,0
                3,car,3,0.5,100.0,50.0,60.0,30.25,0,0
                """;
        DetectionTable t = table();
        assertEquals(expected, t.toCsv());
        Path f = tmp.resolve("detections.csv");
        t.writeCsv(f);
        assertEquals(expected, Files.readString(f));
    }

    @Test
    void resultsTableHasTheSameColumns() {
        ResultsTable rt = ImageJDetections.toResultsTable(table());
        assertEquals(3, rt.size());
        assertEquals(3.0, rt.getValue(DetectionTable.FRAME, 2));
        assertEquals("person", rt.getStringValue(DetectionTable.LABEL, 0));
        assertEquals(62.0, rt.getValue(DetectionTable.LABEL_ID, 1));
        assertEquals(0.875, rt.getValue(DetectionTable.SCORE, 0));
        assertEquals(10.5, rt.getValue(DetectionTable.X, 0));
        assertEquals(30.25, rt.getValue(DetectionTable.HEIGHT, 2), 1e-6);
        assertEquals(DetectionTable.COLUMNS, List.of(rt.getHeadings()));
    }

    @Test
    void overlayHasOneRectanglePerBoxOnItsSlice() {
        ij.gui.Overlay overlay = ImageJDetections.toOverlay(table());
        assertEquals(3, overlay.size());
        assertEquals(1, overlay.get(0).getPosition());
        assertEquals(3, overlay.get(2).getPosition());
        assertEquals("person 0.88", overlay.get(0).getName());
        java.awt.Rectangle r = overlay.get(2).getBounds();
        assertEquals(100, r.x);
        assertEquals(50, r.y);
        assertEquals(60, r.width);
    }
}
