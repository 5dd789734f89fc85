package org.colorizevideo.dvp;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * libtorch's global switches that DJL does not expose, set through libtorch's C++ API with JNA (which
 * DJL itself depends on): {@code at::globalContext().setUserEnabledNNPACK(false)} and
 * {@code setUserEnabledMkldnn(false)}, as {@code torch.backends.nnpack.set_flags(False)} and
 * {@code torch.backends.mkldnn.enabled = False} do in Python. Where a call fails (another libtorch
 * build, symbols hidden) it returns false and nothing changes.
 *
 * <p><b>NNPACK off</b>, always.
 * <p>Why: before every convolution libtorch asks whether NNPACK could be used, and on processors that
 * NNPACK does not know (AMD family 26, for one) that question prints "Could not initialize NNPACK!
 * Reason: Unsupported hardware." to the standard error, once per training step: hundreds of lines that
 * bury our progress and messages. With the user switch off, libtorch never asks. Nothing is computed
 * differently: NNPACK is only chosen for batches of 16 or more, and Deep Video Prior steps one frame.
 *
 *
 * <p><b>libtorch's warnings off</b> (its log level raised from WARNING to ERROR), unless the user set
 * {@code TORCH_CPP_LOG_LEVEL} for the process. Why: DJL's JNI uses the deprecated
 * {@code at::AutoNonVariableTypeMode}, and libtorch prints a 5-line deprecation notice for it to the
 * standard error in every run, which a user cannot act on. The level is the global
 * {@code FLAGS_caffe2_log_level} of libc10, which libtorch's own {@code TORCH_CPP_LOG_LEVEL} sets at start;
 * errors are still printed, and every failure reaches us as an exception anyway.
 *
 * <p><b>oneDNN off</b>, only where {@link GradientCheck} finds that oneDNN's convolutions give wrong
 * gradients for the network about to be trained: libtorch then uses its own kernels (2x slower in fast
 * mode, 4.6x in faithful mode on the development machine) and the result is right.
 */
final class LibTorchSwitches {

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_USER_ENABLED_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String SET_USER_ENABLED_MKLDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String LOG_LEVEL = "FLAGS_caffe2_log_level";
    private static final int LOG_LEVEL_ERROR = 2;

    private LibTorchSwitches() {
    }

    /** Call after DJL has loaded its PyTorch engine; returns whether the switch was set. */
    static boolean nnpackOff() {
        return disable(SET_USER_ENABLED_NNPACK);
    }

    /**
     * Call after DJL has loaded its PyTorch engine; returns whether libtorch now prints errors only (false
     * where the user chose a level with {@code TORCH_CPP_LOG_LEVEL}, or the flag cannot be found).
     */
    static boolean warningsOff() {
        if (System.getenv("TORCH_CPP_LOG_LEVEL") != null) {
            return false;
        }
        try {
            Pointer level = library("c10").getGlobalVariableAddress(LOG_LEVEL);
            if (level.getInt(0) < LOG_LEVEL_ERROR) {
                level.setInt(0, LOG_LEVEL_ERROR);
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Call after DJL has loaded its PyTorch engine; returns whether the switch was set. */
    static boolean oneDnnOff() {
        return disable(SET_USER_ENABLED_MKLDNN);
    }

    private static boolean disable(String setter) {
        try {
            NativeLibrary torch = library("torch_cpu");
            Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            Function set = torch.getFunction(setter);
            set.invokeVoid(new Object[] {context, Boolean.FALSE});
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static NativeLibrary library(String name) {
        String dir = ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
        return NativeLibrary.getInstance(Path.of(dir, System.mapLibraryName(name)).toString());
    }
}
