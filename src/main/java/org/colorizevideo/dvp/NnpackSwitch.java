package org.colorizevideo.dvp;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * Turns libtorch's NNPACK off, as {@code torch.backends.nnpack.set_flags(False)} does in Python.
 *
 * <p>Why: before every convolution libtorch asks whether NNPACK could be used, and on processors that
 * NNPACK does not know (AMD family 26, for one) that question prints "Could not initialize NNPACK!
 * Reason: Unsupported hardware." to the standard error, once per training step: hundreds of lines that
 * bury our progress and messages. With the user switch off, libtorch never asks. Nothing is computed
 * differently: NNPACK is only chosen for batches of 16 or more, and Deep Video Prior steps one frame.
 *
 * <p>DJL has no call for this switch, so it is reached through libtorch's C++ API with JNA (which DJL
 * itself depends on): {@code at::globalContext().setUserEnabledNNPACK(false)}. Where that fails (another
 * libtorch build, symbols hidden), the messages simply stay; nothing else changes.
 */
final class NnpackSwitch {

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_USER_ENABLED_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";

    private NnpackSwitch() {
    }

    /** Call after DJL has loaded its PyTorch engine; returns whether the switch was set. */
    static boolean turnOff() {
        try {
            String dir = ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
            NativeLibrary torch = NativeLibrary.getInstance(Path.of(dir, System.mapLibraryName("torch_cpu")).toString());
            Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            Function set = torch.getFunction(SET_USER_ENABLED_NNPACK);
            set.invokeVoid(new Object[] {context, Boolean.FALSE});
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
