package org.colorizevideo.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ImageJFramesTest {

    @Test
    void imageJAndImageIoAgreeOnFixturePixels() {
        Map<String, Object> pair = Fixtures.list(Fixtures.reference(), "pairs").get(1); // odd size
        String file = (String) pair.get("a");
        ImagePlus imp = IJ.openImage(Fixtures.dir().resolve(file).toString());
        assertNotNull(imp, file);
        RgbFrame viaIj = ImageJFrames.of(imp.getProcessor());
        RgbFrame viaImageIo = Fixtures.load(file);
        assertEquals(viaImageIo.width(), viaIj.width());
        assertEquals(viaImageIo.height(), viaIj.height());
        assertEquals(Double.POSITIVE_INFINITY, Psnr.compute(viaIj, viaImageIo)); // identical RGB
        assertEquals(Fixtures.num(pair, "colorfulness_a"), Colorfulness.compute(viaIj), 1e-9);
    }

    @Test
    void wrapsColorProcessorWithoutCopy() {
        ColorProcessor cp = new ColorProcessor(3, 2);
        RgbFrame f = ImageJFrames.of(cp);
        assertSame(cp.getPixels(), f.pixels());
    }

    @Test
    void convertsGreyStack() {
        ImageStack stack = new ImageStack(4, 3);
        ByteProcessor bp = new ByteProcessor(4, 3);
        bp.set(1, 1, 200);
        stack.addSlice(bp);
        stack.addSlice(new ByteProcessor(4, 3));
        List<RgbFrame> frames = ImageJFrames.of(stack);
        assertEquals(2, frames.size());
        assertEquals(0xc8c8c8, frames.get(0).pixels()[4 + 1] & 0xffffff);
    }
}
