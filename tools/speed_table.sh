#!/bin/sh
# Speed of every command on one 90-frame 854x480 clip (issue #14, acceptance 4), so that a user can plan a
# long film: each command run as a user runs it (headless launcher: JVM start, model loading, reading,
# work, writing), timed with /usr/bin/time (wall, CPU = user + system). Clip: DAVIS goat (90 frames),
# gray = its L*-neutral gray (tools/make_gray.py); the automatic result is the processed input of Deep
# Video Prior and the result Colorize Measure scores. Run on an otherwise idle machine, from the
# repository root, after `mvn -B -q package -DskipTests`; ../shared/data must be present.
# Instance-aware colorization needs DETECTOR=<detector .onnx> and INSTANCES=<InstColorization .json>
# (skipped without them). Faithful DVP is timed for FAITHFUL_EPOCHS (default 1) and the 25-epoch time
# extrapolated from it (the epochs take the same time).
# Usage: [CLIP=davis/goat] [OUT=target/speed] [DETECTOR=… INSTANCES=…] tools/speed_table.sh
set -e
JAR=${JAR:-$(ls target/Colorize_Video-*-all.jar | head -1)}
D=../shared/data/video
CLIP=${CLIP:-davis/goat}
OUT=${OUT:-target/speed}
E=${FAITHFUL_EPOCHS:-1}
J="java -Xmx6g -jar $JAR --headless --run"
c=$(basename "$CLIP")
mkdir -p "$OUT"
[ -d "$OUT/gray" ] || /usr/bin/python3 tools/make_gray.py "$D/$CLIP" "$OUT/gray"
ref="$D/$CLIP/$(ls "$D/$CLIP" | head -1)"
n=$(ls "$OUT/gray" | wc -l)
run() {   # name, command, parameters
    name=$1; shift
    /usr/bin/time -f "%e %U %S" -o "$OUT/$name.time" $J "$@" > "$OUT/$name.log" 2>&1 \
        || { echo "$name: FAILED: $(tail -1 "$OUT/$name.log")"; return 0; }
    set -- $(cat "$OUT/$name.time")
    printf '| %s | %.0f s | %.0f s | %.2f s |\n' "$name" "$1" "$(echo "$2 + $3" | bc)" "$(echo "$1 / $n" | bc -l)"
}
echo "clip $CLIP: $n frames; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "| command | wall | CPU | wall per frame |"
echo "|---|---|---|---|"
run "colorize (automatic)" "Colorize Video" "input='$OUT/gray',output='$OUT/auto',overwrite=true"
if [ -n "$DETECTOR" ] && [ -n "$INSTANCES" ]; then
    run "colorize (instance-aware)" "Colorize Video" "input='$OUT/gray',output='$OUT/instance',detector='$DETECTOR',instances='$INSTANCES',overwrite=true"
else
    echo "| colorize (instance-aware) | skipped: give DETECTOR and INSTANCES | | |"
fi
run "colorize (exemplar)" "Colorize Video" "input='$OUT/gray',output='$OUT/exemplar',reference='$ref',overwrite=true"
run "measure (all metrics but LPIPS)" "Colorize Measure" "result='$OUT/auto',reference='$D/$CLIP',input='$OUT/gray',output='$OUT/metrics'"
run "temporal refinement, fast (25 epochs)" "Colorize Temporal Refinement" "input='$OUT/gray',processed='$OUT/auto',output='$OUT/dvp-fast',overwrite=true"
run "temporal refinement, faithful ($E epoch(s))" "Colorize Temporal Refinement" "input='$OUT/gray',processed='$OUT/auto',output='$OUT/dvp-faithful',mode='faithful',epochs=$E,overwrite=true"
if [ -f "$OUT/temporal refinement, faithful ($E epoch(s)).time" ]; then
    set -- $(cat "$OUT/temporal refinement, faithful ($E epoch(s)).time")
    printf '| temporal refinement, faithful (25 epochs, extrapolated) | %.0f min | | |\n' "$(echo "$1 * 25 / $E / 60" | bc -l)"
fi
