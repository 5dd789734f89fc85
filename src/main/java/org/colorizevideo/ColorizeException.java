package org.colorizevideo;

/**
 * A problem the user can act on (bad input, wrong model, missing GPU ...). The message is a complete
 * sentence that says what is wrong and what to do; adapters show it as it is, without a stack trace.
 */
public class ColorizeException extends Exception {
    private static final long serialVersionUID = 1L;

    public ColorizeException(String message) {
        super(message);
    }

    public ColorizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
