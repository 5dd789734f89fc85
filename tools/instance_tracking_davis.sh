#!/bin/sh
# Instance colour flicker on a real clip with a real detector: DAVIS car-roundabout (first FRAMES
# frames, as L*-neutral gray), MB3-CenterNet from npm (models/export/README.md, "A real COCO detector
# from npm", must be in build/detector) and the InstColorization export given as INSTANCES (the
# random-init test export by default: colours are meaningless, flicker is not). Three runs of Colorize
# Video: no boxes (score=1: the full-image network alone), boxes per frame (untracked, the paper), boxes
# tracked (default); then Colorize Measure's warp error of each (DIS flow on the gray input).
# Run from the repository root after `mvn -B -o -q compile` and
# `mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt`.
set -e
FRAMES=${FRAMES:-12}
INSTANCES=${INSTANCES:-target/instcolor-export/instcolor_rand.json}
OUT=${OUT:-target/instance-tracking}
CLIP=../shared/data/video/davis/car-roundabout
J="java -Xmx4g -Djava.awt.headless=true -Dai.djl.offline=true -Dai.djl.onnx.disable_alternative=true -cp target/classes:$(cat target/cp.txt) org.colorizevideo.cli.HeadlessLauncher --headless --run"
mkdir -p "$OUT/gray"
/usr/bin/python3 - "$CLIP" "$OUT/gray" "$FRAMES" <<'PY'
import sys, os, numpy as np
from skimage import io, color
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for f in sorted(os.listdir(src))[:n]:
    L = color.rgb2lab(io.imread(os.path.join(src, f)))[..., 0]
    g = color.lab2rgb(np.stack([L, 0 * L, 0 * L], -1))[..., 0]
    io.imsave(os.path.join(dst, f.replace('.jpg', '.png')), np.round(g * 255).astype(np.uint8), check_contrast=False)
PY
run() {
    name=$1; shift
    /usr/bin/time -f "$name: %e s wall" $J "Colorize Video" "input='$OUT/gray',output='$OUT/$name',detector='build/detector/centernet-coco.onnx',instances='$INSTANCES',device='cpu',overwrite=true$*"
    $J "Colorize Measure" "result='$OUT/$name',input='$OUT/gray',output='$OUT/$name-metrics'"
    echo "$name: $(tail -1 "$OUT/$name-metrics/metrics.csv")"
}
run none ",score=1.0"
run untracked ",score=0.3,untracked=true"
run tracked ",score=0.3"
head -1 "$OUT/none-metrics/metrics.csv"
