package org.colorizevideo.colorize;

import org.colorizevideo.exemplar.ExemplarSettings;
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
 * @param exemplar exemplar-based colorization from a reference image or keyframes, or null; when set,
 *     {@code model}, {@code temperature} and {@code batch} are not used; not together with instances
 */
public record ColorizeSettings(String model, double temperature, DeviceChoice device, int batch, InstanceSettings instances,
        ExemplarSettings exemplar) {

    /** Settings without an exemplar. */
    public ColorizeSettings(String model, double temperature, DeviceChoice device, int batch, InstanceSettings instances) {
        this(model, temperature, device, batch, instances, null);
    }

    /** Settings for a plain (not instance-aware) model. */
    public ColorizeSettings(String model, double temperature, DeviceChoice device, int batch) {
        this(model, temperature, device, batch, null, null);
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
