package org.colorizevideo.colorize;

import org.colorizevideo.ColorizeException;
import org.colorizevideo.exemplar.ExemplarSettings;
import org.colorizevideo.instance.InstanceSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelManifest;

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
 * @param saturation the chroma gain that spreads each frame's a*b* from their mean (1 = as decoded), instead
 *     of the model manifest's {@code chromaGain}; NaN or <= 0 means the model's own (plain models only)
 */
public record ColorizeSettings(String model, double temperature, DeviceChoice device, int batch, InstanceSettings instances,
        ExemplarSettings exemplar, double saturation) {

    /** Settings with the model's own saturation. */
    public ColorizeSettings(String model, double temperature, DeviceChoice device, int batch, InstanceSettings instances,
            ExemplarSettings exemplar) {
        this(model, temperature, device, batch, instances, exemplar, Double.NaN);
    }

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

    /** These settings with another saturation (NaN or <= 0: the model's). */
    public ColorizeSettings withSaturation(double gain) {
        return new ColorizeSettings(model, temperature, device, batch, instances, exemplar, gain);
    }

    /** Refuses a saturation above a manifest's largest chroma gain, in a sentence. */
    public void checkSaturation() throws ColorizeException {
        if (saturation > ModelManifest.Output.MAX_CHROMA_GAIN) {
            throw new ColorizeException("saturation=" + saturation + " is too high: give 0 for the model's own, or a"
                    + " gain up to " + ModelManifest.Output.MAX_CHROMA_GAIN + " (1 leaves the colours as the model gives them, 2 spreads them twice as far).");
        }
    }
}
