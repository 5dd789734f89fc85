package org.colorizevideo.colorize;

import org.colorizevideo.instance.InstanceSettings;
import org.colorizevideo.model.DeviceChoice;

/**
 * What the user chose. temperature NaN or <= 0 means the model's own default.
 *
 * @param model model name (in models/) or path to its .onnx; blank for the bundled default
 * @param temperature annealed-mean temperature for logits models
 * @param device where ONNX Runtime runs
 * @param batch frames per inference call
 * @param instances instance-aware colorization (detector + InstColorization), or null for the plain
 *     model; when set, {@code model} and {@code temperature} are not used (the instance-aware model
 *     brings its own full-image network and outputs ab directly)
 */
public record ColorizeSettings(String model, double temperature, DeviceChoice device, int batch, InstanceSettings instances) {

    /** Settings for a plain (not instance-aware) model. */
    public ColorizeSettings(String model, double temperature, DeviceChoice device, int batch) {
        this(model, temperature, device, batch, null);
    }

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
