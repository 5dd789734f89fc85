package org.colorizevideo.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.Locale;
import org.colorizevideo.ColorizeException;

/** The {@code device} parameter: auto, cpu or gpu, resolved against what ONNX Runtime offers. */
public enum DeviceChoice {
    AUTO, CPU, GPU;

    public static DeviceChoice parse(String value) throws ColorizeException {
        try {
            return valueOf(value == null || value.isBlank() ? "AUTO" : value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ColorizeException("device='" + value + "' is not known; use auto, cpu or gpu.");
        }
    }

    /** True when the ONNX Runtime build has the CUDA provider and a CUDA GPU is visible. */
    public static boolean cudaAvailable() {
        try {
            boolean provider = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
            return provider && Engine.getEngine("OnnxRuntime").getGpuCount() > 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public Device resolve() throws ColorizeException {
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> cudaAvailable() ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (!cudaAvailable()) {
                    throw new ColorizeException("device=gpu was requested, but no CUDA GPU is usable: this needs the "
                            + "ONNX Runtime GPU build (build with 'mvn -Pgpu package') and an NVIDIA driver with CUDA 12. "
                            + "Use device=auto or device=cpu to run on the CPU.");
                }
                yield Device.gpu();
            }
        };
    }
}
