/**
 * The ImgLib2 face of the engine: {@link org.colorizevideo.imglib2.Colorizer} (automatic, instance-aware,
 * exemplar) and {@link org.colorizevideo.imglib2.TemporalRefinement} (Deep Video Prior) on
 * {@code RandomAccessibleInterval}s, XY or XYT, for scripts (see macros/colorize_imglib2.groovy) and
 * other plugins. Thin adapters: an image becomes the engine's frame source, a consumer or an ARGB
 * image its sink; frames are read and written one at a time.
 */
package org.colorizevideo.imglib2;
