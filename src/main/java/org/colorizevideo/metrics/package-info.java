/**
 * Image and video quality metrics for colourised frames.
 *
 * <p>Frames are 8-bit RGB, given as {@code int[]} pixels packed {@code 0xRRGGBB} in row-major order
 * (the layout of ImageJ's {@code ColorProcessor}; the top byte is ignored), together with width and
 * height. {@link org.colorizevideo.metrics.RgbFrame} bundles the three. Everything here is UI-free; the
 * optical flow behind the warp error is OpenCV's (package {@code org.colorizevideo.flow}), LPIPS runs
 * in ONNX Runtime, and {@link org.colorizevideo.metrics.ImageJFrames} is a thin adapter from ImageJ
 * processors and stacks.
 *
 * <ul>
 *   <li>{@link org.colorizevideo.metrics.Psnr} - PSNR, MAX 255, over all three channels.</li>
 *   <li>{@link org.colorizevideo.metrics.Ssim} - SSIM exactly as scikit-image 0.19 computes it with
 *       Wang et al.'s Gaussian-window settings.</li>
 *   <li>{@link org.colorizevideo.metrics.Colorfulness} - Hasler &amp; S&uuml;sstrunk 2003.</li>
 *   <li>{@link org.colorizevideo.metrics.Cdc} - colour distribution consistency of a clip
 *       (Liu et al. 2021).</li>
 *   <li>{@link org.colorizevideo.metrics.WarpError} - flow warping error of Lai et al. 2018, as their
 *       code computes it (occlusion mask, border clamping and all).</li>
 *   <li>{@link org.colorizevideo.metrics.Lpips} - LPIPS through an ONNX export of the network.</li>
 *   <li>{@link org.colorizevideo.metrics.ClipMeasure} - all of them over a clip, streaming and
 *       multi-threaded, into a {@link org.colorizevideo.metrics.MetricsTable} (the engine of Colorize
 *       Measure).</li>
 * </ul>
 *
 * <p>The golden values the tests check against come from
 * {@code test-data/scripts/make_metric_fixtures.py} and, for the warp error,
 * {@code test-data/scripts/make_warp_fixtures.py}.
 */
package org.colorizevideo.metrics;
