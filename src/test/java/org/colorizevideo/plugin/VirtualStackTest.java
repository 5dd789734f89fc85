package org.colorizevideo.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.plugin.FolderOpener;
import org.colorizevideo.Fixtures;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/** A virtual stack shown without an output folder comes back as a virtual stack (bounded memory). */
class VirtualStackTest {

    private static ColorizeVideoJob.Result colorize(ImagePlus imp) throws Exception {
        return ColorizeVideoJob.run(new ColorizeVideoJob.Request(imp, null, null,
                new ColorizeSettings("tiny-logits", 0.5, DeviceChoice.CPU, 4), false, false),
                Fixtures.testModels(), ProgressListener.NONE, Cancellation.NEVER);
    }

    @Test
    void virtualInputGivesAVirtualResultEqualToTheInMemoryOne() throws Exception {
        ImagePlus virtual = FolderOpener.open(Fixtures.grayFrames().toString(), "virtual");
        assertTrue(virtual.getStack().isVirtual());
        ImagePlus inMemory = FolderOpener.open(Fixtures.grayFrames().toString(), "");
        ImagePlus a = colorize(virtual).image();
        ImagePlus b = colorize(inMemory).image();
        assertTrue(a.getStack().isVirtual());
        assertEquals(b.getStackSize(), a.getStackSize());
        for (int s = 1; s <= a.getStackSize(); s++) {
            int[] pa = ((int[]) a.getStack().getProcessor(s).getPixels()).clone();
            for (int i = 0; i < pa.length; i++) {
                pa[i] &= 0xffffff;
            }
            int[] pb = ((int[]) b.getStack().getPixels(s)).clone();
            for (int i = 0; i < pb.length; i++) {
                pb[i] &= 0xffffff;
            }
            assertArrayEquals(pb, pa, "slice " + s);
        }
    }
}
