package org.colorizevideo.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.colorizevideo.ColorizeException;
import org.junit.jupiter.api.Test;

class InstanceSettingsTest {

    @Test
    void bothEmptyMeansOff() throws Exception {
        assertNull(InstanceSettings.parse("", " ", 0.7, 8, true));
        assertNull(InstanceSettings.parse(null, null, 0.7, 8, true));
    }

    @Test
    void halfGivenOrOutOfRangeOptionsAreRefusedWithTheFix() {
        String m = assertThrows(ColorizeException.class, () -> InstanceSettings.parse("maskrcnn", "", 0.7, 8, true)).getMessage();
        assertTrue(m.contains("instances=") && m.contains(InstanceManifest.FORMAT), m);
        m = assertThrows(ColorizeException.class, () -> InstanceSettings.parse("", "instcolor", 0.7, 8, true)).getMessage();
        assertTrue(m.contains("detector=") && m.contains(DetectorManifest.FORMAT), m);
        m = assertThrows(ColorizeException.class, () -> InstanceSettings.parse("d", "i", 1.5, 8, true)).getMessage();
        assertTrue(m.contains("score=1.5"), m);
        m = assertThrows(ColorizeException.class, () -> InstanceSettings.parse("d", "i", 0.7, 9, true)).getMessage();
        assertTrue(m.contains("max_instances=9") && m.contains("1..8"), m);
    }

    @Test
    void valuesAreKeptTrimmed() throws Exception {
        InstanceSettings s = InstanceSettings.parse(" d ", " i ", 0.5, 3, false);
        assertEquals(new InstanceSettings("d", "i", 0.5, 3, false), s);
    }
}
