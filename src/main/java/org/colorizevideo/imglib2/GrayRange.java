package org.colorizevideo.imglib2;

import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * How the values of an ImgLib2 image become gray levels 0..255 (the sRGB gray the colorizer sees), as
 * ImageJ's display range does for 16- and 32-bit stacks: {@code min} maps to black, {@code max} to
 * white, values outside are clipped. {@link #of} gives the natural range of a type: 0..255 for
 * unsigned bytes (the values are the gray levels), the type's own range for other integer types, and
 * 0..1 for floating-point types (the usual convention for normalised images).
 */
public record GrayRange(double min, double max) {

    public GrayRange {
        if (!(max > min) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("The gray range " + min + ".." + max
                    + " is empty or unbounded; give the values that are black and white, e.g. new GrayRange(0, 4095).");
        }
    }

    public static GrayRange of(RealType<?> type) {
        if (type instanceof UnsignedByteType) {
            return new GrayRange(0, 255);
        }
        if (type instanceof net.imglib2.type.numeric.IntegerType<?>) {
            return new GrayRange(type.getMinValue(), type.getMaxValue());
        }
        return new GrayRange(0, 1);
    }

    /** True for the range in which values are gray levels already (8-bit images). */
    boolean isGrayLevels() {
        return min == 0 && max == 255;
    }
}
