#!/bin/sh
# Reproduces the figures of BENCHMARKS.md (Deep Video Prior). Run from the repository root after
# `mvn -B -o package -DskipTests`; ../shared/data must be present. Long: see the timings in the file.
set -e
JAR=$(ls target/Colorize_Video-*-all.jar | head -1)
D=../shared/data/video
OUT=${OUT:-target/dvp-figures}
mkdir -p "$OUT"
J="java -Dai.djl.offline=true -Xmx3g -cp $JAR"
EVAL="/usr/bin/python3 tools/dvp_eval.py --input $D/dvp-goat/input --truth $D/davis/goat --flow-cache $OUT/goat-flow.npz"

# 1. goat: references (ground truth = the floor, per-frame input, gray)
$EVAL truth=$D/davis/goat per-frame=$D/dvp-goat/per-frame-colorized gray=$D/dvp-goat/input

# 2. goat, fast mode (defaults), timed end to end including the JVM start; snapshots are not timed
/usr/bin/time -v $J org.colorizevideo.bench.DvpBenchmark --input $D/dvp-goat/input \
    --processed $D/dvp-goat/per-frame-colorized --output "$OUT/goat-fast" --snapshots 5,10,15 2>&1 | tee "$OUT/goat-fast.log"
$EVAL fast-e5="$OUT/goat-fast-e5" fast-e10="$OUT/goat-fast-e10" fast-e15="$OUT/goat-fast-e15" \
    fast-e20="$OUT/goat-fast"

# 3. goat, fast mode with IRT
$J org.colorizevideo.bench.DvpBenchmark --input $D/dvp-goat/input --processed $D/dvp-goat/per-frame-colorized \
    --output "$OUT/goat-fast-irt" --irt true --epochs 25 --snapshots 10,15,20 | tee "$OUT/goat-fast-irt.log"
$EVAL fast-irt-e25="$OUT/goat-fast-irt"

# 4. goat, faithful mode (the paper's RGB network at full resolution); EPOCHS as time allows
$J org.colorizevideo.bench.DvpBenchmark --mode faithful --epochs ${EPOCHS:-3} --input $D/dvp-goat/input \
    --processed $D/dvp-goat/per-frame-colorized --output "$OUT/goat-faithful" --snapshots 1,2 | tee "$OUT/goat-faithful.log"
$EVAL faithful="$OUT/goat-faithful"

# 5. synthetic multimodal flicker: plain training against IRT
$J org.colorizevideo.bench.IrtExperiment --mode faithful --epochs 25 --warmup 5 --seeds 1,2,3 | tee "$OUT/irt-faithful.log"
$J org.colorizevideo.bench.IrtExperiment --mode fast --epochs 25 --warmup 5 --unet 16 --seeds 1,2,3 | tee "$OUT/irt-fast.log"

# 6. step times (2 threads by default: all cores)
for a in "128 224 1 2 16" "128 224 1 2 32" "256 448 3 3 32" "480 864 3 3 32"; do
    $J org.colorizevideo.dvp.StepTiming $a 5
done
