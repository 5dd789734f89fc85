package org.colorizevideo.spark;

import java.io.Serializable;
import java.util.List;

/** What the driver and the executors exchange: inputs, their plans, work units and what became of them. */
public final class Plans {

    private Plans() {
    }

    /** Line {@code index} of the input list: a video file or frame folder, and its keyframes (null: automatic). */
    public record InputSpec(int index, String path, String reference) implements Serializable {
    }

    /** Frames first (inclusive) to end (exclusive) of one input, colorized (and refined) by one task. */
    public record Unit(int input, int unit, int first, int end) implements Serializable {
        public int frames() {
            return end - first;
        }
    }

    /**
     * An input opened and cut into units (or refused: {@code error} is the sentence). {@code output} is its
     * result, {@code staging} the folder of its parts, {@code shotStarts} the first frame of each shot
     * (null when the run uses no cuts).
     */
    public record InputPlan(InputSpec spec, String output, String staging, int frames, List<Unit> units,
            List<Integer> shotStarts, String error) implements Serializable {

        static InputPlan failed(InputSpec spec, String output, String error) {
            return new InputPlan(spec, output, null, 0, List.of(), null, error);
        }

        boolean ok() {
            return error == null;
        }
    }

    /** A finished unit: skipped (its part was there from an earlier run) or made now; or its error sentence. */
    public record UnitResult(int input, int unit, boolean skipped, int frames, double seconds, String error)
            implements Serializable {
    }

    /** An input's last step: its result written (or the sentence why not). */
    public record JoinResult(int input, String output, double seconds, String error) implements Serializable {
    }
}
