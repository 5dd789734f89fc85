package org.colorizevideo.dvp;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate of each Adam step: constant, then, over the last {@code decay} epochs, falling
 * linearly to {@code lr / (decaySteps + 1)} at the last step.
 *
 * <p><b>Why fast mode decays.</b> Deep Video Prior trains one frame per step, and the flicker it removes
 * is exactly what differs from step to step: a per-frame colour shift pulls every output of the
 * network towards that frame's shift. At a constant rate the network ends wherever the last few frames
 * pulled it, and all frames are then written with the same error: a global colour cast and muted colour.
 * Measured on DAVIS dance-twirl (synthetic flicker, global a*b* shift sd 8): at a constant 1e-4 (width
 * 32) the output's mean a*b* was (0.1, -0.5) against (1.6, 4.0) for the truth, 1.2 dB below the input; a rate
 * three times higher was worse (-2.3 dB), and letting the rate fall over the last 5 of 20 epochs gave
 * -0.33 dB (on the default model's own output: -0.33 dB became +0.16 dB); see BENCHMARKS.md. Faithful
 * mode keeps the paper's constant rate unless the user asks otherwise.
 *
 * <p>Steps are counted as DJL's Adam counts its updates (1 for the first step); every epoch has as many
 * steps as the clip has frames (IRT warm-up epochs too).
 */
final class LearningRateSchedule implements Tracker {

    private final float lr;
    private final int totalSteps;
    private final int decaySteps;

    LearningRateSchedule(double lr, int epochs, int decayEpochs, int framesPerEpoch) {
        if (decayEpochs < 0 || decayEpochs > epochs || framesPerEpoch < 1) {
            throw new IllegalArgumentException("decay " + decayEpochs + " of " + epochs + " epochs, " + framesPerEpoch + " frames");
        }
        this.lr = (float) lr;
        this.totalSteps = epochs * framesPerEpoch;
        this.decaySteps = decayEpochs * framesPerEpoch;
    }

    static LearningRateSchedule of(DvpSettings settings, int frames) {
        return new LearningRateSchedule(settings.lr(), settings.epochs(), settings.decay(), frames);
    }

    @Override
    public float getNewValue(int step) {
        int left = totalSteps - step; // steps after this one
        if (left >= decaySteps) {
            return lr;
        }
        return lr * Math.max(1, left + 1) / (decaySteps + 1);
    }
}
