#!/usr/bin/python3
"""Fixture for the manifest's chroma gain (model/AbDecoder; run from the repo root after make_fixtures.py):

  /usr/bin/python3 test-data/scripts/make_gain_fixture.py

models/tiny-logits-gain.{onnx,json}: tiny-logits (the same graph) with "chromaGain": 1.7;
reference/tiny-logits-gain/: make_fixtures.reference_pipeline with that gain (colorlib.chroma_gain: each
frame's decoded a*b* at the model's output size become mean + 1.7 (ab - mean)). The network is
tiny-logits.onnx read back into a CompactColorNet (net.from_onnx); the script first checks that read-back
against reference/tiny-logits (gain 1), so the weights are those of the fixture.
"""
import json, os, shutil

import numpy as np
from PIL import Image

from make_fixtures import ROOT, reference_pipeline
import net as netmod  # noqa: E402  (models/training, on the path through make_fixtures)

GAIN = 1.7


def main():
    mdir = os.path.join(ROOT, 'models')
    net, bins = netmod.from_onnx(os.path.join(mdir, 'tiny-logits.onnx'), width=8)
    net.eval()
    bins = bins.numpy()
    manifest = json.load(open(os.path.join(mdir, 'tiny-logits.json')))
    t = manifest['output']['temperature']
    frames = sorted(os.listdir(os.path.join(ROOT, 'frames', 'gray')))
    grays = [np.asarray(Image.open(os.path.join(ROOT, 'frames', 'gray', f))) for f in frames]
    plain = [np.asarray(Image.open(os.path.join(ROOT, 'reference', 'tiny-logits', f'frame_{i:03d}.png')))
             for i in range(len(grays))]
    for i, g in enumerate(grays):
        diff = np.abs(reference_pipeline(net, manifest, g, bins, t).astype(int) - plain[i]).max()
        assert diff <= 1, f'tiny-logits read back differs from its reference by {diff} levels on frame {i}'
    shutil.copyfile(os.path.join(mdir, 'tiny-logits.onnx'), os.path.join(mdir, 'tiny-logits-gain.onnx'))
    manifest['name'] = 'tiny-logits-gain'
    manifest['description'] = 'Test fixture: tiny-logits with chromaGain 1.7; made by test-data/scripts/make_gain_fixture.py'
    manifest['output']['chromaGain'] = GAIN
    json.dump(manifest, open(os.path.join(mdir, 'tiny-logits-gain.json'), 'w'), indent=1)
    out = os.path.join(ROOT, 'reference', 'tiny-logits-gain')
    os.makedirs(out, exist_ok=True)
    changed = 0
    for i, g in enumerate(grays):
        rgb = reference_pipeline(net, manifest, g, bins, t, GAIN)
        changed += int((np.abs(rgb.astype(int) - plain[i]).max(-1) > 1).sum())
        Image.fromarray(rgb, 'RGB').save(os.path.join(out, f'frame_{i:03d}.png'))
    print(f'{len(grays)} frames written to {out}; {changed} pixels differ by > 1 level from gain 1')


if __name__ == '__main__':
    main()
