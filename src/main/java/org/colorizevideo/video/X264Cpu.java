package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_BMI1;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_BMI2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_FMA3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_FMA4;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_MMXEXT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE4;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE42;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSSE3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_XOP;
import static org.bytedeco.ffmpeg.global.avutil.av_get_cpu_flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The x264 {@code asm} setting that makes our H.264 files reproducible: every instruction set the CPU has
 * except AVX-512.
 *
 * <p>Why: x264's AVX-512 code reads heap memory it has not written, so with AVX-512 the bitstream depends on
 * what the allocator hands out. Measured on an AMD EPYC with AVX-512 (x264 core 164, both the JavaCPP build
 * the plugin ships and Debian's): the same 40 frames encoded by the {@code ffmpeg} tool gave a different file
 * for each {@code MALLOC_PERTURB_} value, and inside one JVM, where freed memory is reused, 5 different files
 * in 6 runs; with {@code asm} limited to AVX2 the file was the same for every perturbation and every run.
 * A fresh process hands out zeroed pages, which is why fresh JVMs agreed with each other.
 *
 * <p>How: x264 names its instruction sets cumulatively ("AVX2" also means AVX, FMA3, BMI1/2, LZCNT and
 * everything below), so a name is listed only when FFmpeg detected every set it implies; x264 ORs the named
 * sets. AVX-512 is never named. Non-x86 CPUs keep x264's own detection ({@code null}).
 */
final class X264Cpu {

    private X264Cpu() {
    }

    private record Level(String name, int requires) {
    }

    // x264's levels build on each other: each set below is the one before it plus its own flag
    private static final int SSE = AV_CPU_FLAG_MMXEXT | AV_CPU_FLAG_SSE;
    private static final int SSE2 = SSE | AV_CPU_FLAG_SSE2;
    private static final int SSE3 = SSE2 | AV_CPU_FLAG_SSE3;
    private static final int SSSE3 = SSE3 | AV_CPU_FLAG_SSSE3;
    private static final int SSE41 = SSSE3 | AV_CPU_FLAG_SSE4;
    private static final int SSE42 = SSE41 | AV_CPU_FLAG_SSE42;
    private static final int AVX = SSE42 | AV_CPU_FLAG_AVX;
    private static final int BMI2 = AVX | AV_CPU_FLAG_BMI1 | AV_CPU_FLAG_BMI2;

    /** x264's names (common/cpu.c) with the FFmpeg flags each implies; LZCNT, which FFmpeg does not report, comes with BMI. */
    private static final List<Level> LEVELS = List.of(
            new Level("MMX2", AV_CPU_FLAG_MMXEXT),
            new Level("SSE", SSE),
            new Level("SSE2", SSE2),
            new Level("SSE3", SSE3),
            new Level("SSSE3", SSSE3),
            new Level("SSE4.1", SSE41),
            new Level("SSE4.2", SSE42),
            new Level("AVX", AVX),
            new Level("XOP", AVX | AV_CPU_FLAG_XOP),
            new Level("FMA4", AVX | AV_CPU_FLAG_FMA4),
            new Level("FMA3", AVX | AV_CPU_FLAG_FMA3),
            new Level("BMI1", AVX | AV_CPU_FLAG_BMI1),
            new Level("BMI2", BMI2),
            new Level("AVX2", BMI2 | AV_CPU_FLAG_FMA3 | AV_CPU_FLAG_AVX2));

    /** The value for x264's {@code asm} parameter on this CPU, or null to leave x264's detection alone. */
    static String asmWithoutAvx512() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return null;
        }
        return asmFor(av_get_cpu_flags());
    }

    /** The x264 names whose sets are all in {@code flags} (FFmpeg's AV_CPU_FLAG_* bits); "0" (no assembly) when none. */
    static String asmFor(int flags) {
        List<String> names = new ArrayList<>();
        for (Level level : LEVELS) {
            if ((flags & level.requires) == level.requires) {
                names.add(level.name);
            }
        }
        return names.isEmpty() ? "0" : String.join(",", names);
    }
}
