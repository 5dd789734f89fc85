package org.colorizevideo.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;

/** Collects the result as an in-memory RGB stack (the GUI's new window). */
public final class StackSink implements FrameSink {

    private final LuminanceSource source;
    private final String title;
    private final Calibration calibration;
    private ImageStack stack;
    private ImagePlus result;

    public StackSink(LuminanceSource source, String title, Calibration calibration) {
        this.source = source;
        this.title = title;
        this.calibration = calibration;
    }

    @Override
    public void put(int index, int[] rgb, int width, int height) {
        if (stack == null) {
            stack = new ImageStack(width, height);
        }
        stack.addSlice(source.frameName(index), new ColorProcessor(width, height, rgb));
    }

    @Override
    public void commit() {
        result = new ImagePlus(title, stack);
        if (calibration != null) {
            result.setCalibration(calibration.copy());
        }
    }

    @Override
    public void abort() {
        stack = null;
    }

    /** The colorized stack, after commit. */
    public ImagePlus result() {
        return result;
    }
}
