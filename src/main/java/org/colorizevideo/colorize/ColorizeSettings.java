package org.colorizevideo.colorize;

import org.colorizevideo.model.DeviceChoice;

/**
 * What the user chose. temperature NaN or <= 0 means the model's own default.
 *
 * @param model model name (in models/) or path to its .onnx; blank for the bundled default
 * @param temperature annealed-mean temperature for logits models
 * @param device where ONNX Runtime runs
 * @param batch frames per inference call
 */
public record ColorizeSettings(String model, double temperature, DeviceChoice device, int batch) {

    public ColorizeSettings {
        if (batch < 1) {
            batch = 1;
        }
    }

    public static ColorizeSettings defaults() {
        return new ColorizeSettings("", Double.NaN, DeviceChoice.AUTO, 4);
    }

    public boolean usesModelTemperature() {
        return Double.isNaN(temperature) || temperature <= 0;
    }
}
