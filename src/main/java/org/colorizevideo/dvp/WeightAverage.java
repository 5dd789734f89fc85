package org.colorizevideo.dvp;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The running mean of a network's weights over training steps (Polyak-Ruppert averaging; "stochastic
 * weight averaging", Izmailov et al. 2018), which then replaces the weights.
 *
 * <p><b>Why.</b> Deep Video Prior takes one step per frame, in frame order, so the weights after the last
 * step are pulled towards the last frames' flicker, and every frame is written with that pull. The mean
 * of the weights over every step of the last epochs weighs each frame's pull equally. See
 * {@link LearningRateSchedule} and BENCHMARKS.md for what each does on the DAVIS clips.
 */
final class WeightAverage implements AutoCloseable {

    private final List<NDArray> weights;
    private final List<NDArray> mean = new ArrayList<>();
    private int count;

    /** weights: the arrays to average, updated in place by the optimiser between {@link #add()} calls. */
    WeightAverage(List<NDArray> weights) {
        this.weights = List.copyOf(weights);
    }

    /** Adds the weights as they are now to the mean. */
    void add() {
        count++;
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            if (count == 1) {
                mean.add(w.duplicate());
                continue;
            }
            NDArray m = mean.get(i);
            try (NDArray step = w.sub(m)) { // m += (w - m) / count
                m.addi(step.divi(count));
            }
        }
    }

    /** How many times the weights were added. */
    int count() {
        return count;
    }

    /** Overwrites the weights with their mean (nothing happens when nothing was added). */
    void apply() {
        for (int i = 0; i < mean.size(); i++) {
            NDArray w = weights.get(i);
            try (NDArray step = mean.get(i).sub(w)) {
                w.addi(step);
            }
        }
    }

    @Override
    public void close() {
        mean.forEach(NDArray::close);
        mean.clear();
    }
}
