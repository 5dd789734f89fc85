package org.colorizevideo.model;

import java.nio.file.Path;

/** A model's graph and manifest on disk. */
public record ModelFiles(String name, Path onnx, Path manifest) {
}
