package org.colorizevideo.progress;

/** Polled by the engine once per frame (and passed on to children); true stops the run. */
@FunctionalInterface
public interface Cancellation {

    Cancellation NEVER = () -> false;

    boolean isCancelled();
}
