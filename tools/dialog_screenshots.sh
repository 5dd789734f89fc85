#!/bin/sh
# Screenshots of the dialogs (issues #16, #13) into docs/, on a virtual display (Xvfb; Debian: apt-get
# install xvfb). Opens our fixture clip test-data/frames/gray, shows Colorize Video's dialog with the
# preview on, its advanced dialog, Temporal Refinement's, Colorize Keyframe with three hints in the ROI
# Manager (the film, the dialog and the keyframe it makes) and Measure's; each is captured and cancelled.
# Run from the repository root after `mvn -B -q package -DskipTests`.
set -e
JAR=${JAR:-$(ls target/Colorize_Video-*-all.jar | head -1)}
OUT=${OUT:-docs}
export DISPLAY=:97
Xvfb $DISPLAY -screen 0 1280x1024x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB' EXIT
sleep 2
java -Dij.dir=. -cp "$JAR" org.colorizevideo.bench.DialogScreenshots test-data/frames/gray "$OUT"
