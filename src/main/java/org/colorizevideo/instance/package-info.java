/**
 * The detector half of instance-aware colorization (issue #6, after Su et al., "Instance-aware Image
 * Colorization", CVPR 2020): find the objects in a frame, choose the ones to colorize, and list them.
 *
 * <ul>
 *   <li>{@link org.colorizevideo.instance.Detector} - torchvision's Mask R-CNN exported to ONNX
 *       ({@code models/export/export_maskrcnn.py}), run in ONNX Runtime on a frame's L* plane.</li>
 *   <li>{@link org.colorizevideo.instance.DetectorManifest} - the detector's JSON manifest
 *       ({@code colorize-video-detector/1}) and its validation against the graph.</li>
 *   <li>{@link org.colorizevideo.instance.Detection} - one detected object (category, score, box).</li>
 *   <li>{@link org.colorizevideo.instance.DetectionFilter} - InstColorization's selection: score
 *       threshold, then the top K.</li>
 *   <li>{@link org.colorizevideo.instance.DetectionTable} - detections of a clip as a table and CSV;
 *       {@link org.colorizevideo.instance.ImageJDetections} turns it into an ImageJ ResultsTable (the
 *       only ImageJ dependency here).</li>
 * </ul>
 */
package org.colorizevideo.instance;
