package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX512;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_BMI1;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_BMI2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_FMA3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_MMX;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_MMXEXT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE4;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE42;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSSE3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The x264 instruction-set list: everything the CPU has, never AVX-512, never a set the CPU lacks. */
class X264CpuTest {

    private static final int SSE42 = AV_CPU_FLAG_MMX | AV_CPU_FLAG_MMXEXT | AV_CPU_FLAG_SSE | AV_CPU_FLAG_SSE2
            | AV_CPU_FLAG_SSE3 | AV_CPU_FLAG_SSSE3 | AV_CPU_FLAG_SSE4 | AV_CPU_FLAG_SSE42;
    private static final int AVX2 = SSE42 | AV_CPU_FLAG_AVX | AV_CPU_FLAG_FMA3 | AV_CPU_FLAG_BMI1 | AV_CPU_FLAG_BMI2
            | AV_CPU_FLAG_AVX2;

    @Test
    void anAvx512CpuGetsEverythingUpToAvx2() {
        assertEquals("MMX2,SSE,SSE2,SSE3,SSSE3,SSE4.1,SSE4.2,AVX,FMA3,BMI1,BMI2,AVX2",
                X264Cpu.asmFor(AVX2 | AV_CPU_FLAG_AVX512));
        assertEquals(X264Cpu.asmFor(AVX2), X264Cpu.asmFor(AVX2 | AV_CPU_FLAG_AVX512));
    }

    @Test
    void aNameIsOnlyGivenWhenTheCpuHasEverySetItImplies() {
        // BMI without AVX (some Pentium and Celeron parts): x264's "BMI1" implies AVX, so it must not be named
        assertEquals("MMX2,SSE,SSE2,SSE3,SSSE3,SSE4.1,SSE4.2", X264Cpu.asmFor(SSE42 | AV_CPU_FLAG_BMI1 | AV_CPU_FLAG_BMI2));
        assertEquals("MMX2,SSE,SSE2", X264Cpu.asmFor(AV_CPU_FLAG_MMX | AV_CPU_FLAG_MMXEXT | AV_CPU_FLAG_SSE | AV_CPU_FLAG_SSE2));
        assertEquals("0", X264Cpu.asmFor(0));
    }

    @Test
    void thisMachineNeverGetsAvx512() {
        String asm = X264Cpu.asmWithoutAvx512();
        if (asm != null) {
            assertFalse(asm.toUpperCase().contains("AVX512"), asm);
        }
    }
}
