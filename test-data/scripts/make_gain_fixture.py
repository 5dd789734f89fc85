#!/usr/bin/python3
"""Fixture for the manifest's chroma gain (model/AbDecoder; run from the repo root after make_fixtures.py):

  /usr/bin/python3 test-data/scripts/make_gain_fixture.py

models/tiny-logits-gain.{onnx,json}: tiny-logits (the same graph) with "chromaGain": 1.7;
reference/tiny-logits-gain/: the full pipeline in PyTorch with the gain applied to each frame's decoded
a*b* at the model's output size: ab = mean + 1.7 (ab - mean), the mean over that frame's output pixels.
The network is tiny-logits.onnx read back into a CompactColorNet (net.from_onnx); the script first checks
that read-back against reference/tiny-logits (gain 1), so the weights are those of the fixture.
"""
import json, os, shutil, sys

import numpy as np
import torch
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(ROOT), 'models', 'training'))
from colorlib import lab_to_rgb_keep_l, annealed_mean, model_input_size, resize, gray_to_L  # noqa: E402
import net as netmod  # noqa: E402

torch.set_num_threads(1)
GAIN = 1.7


@torch.no_grad()
def pipeline(net, manifest, bins, gray_u8, temperature, gain):
    H, W = gray_u8.shape
    L = torch.from_numpy(gray_to_L(gray_u8))[None, None]
    size = manifest['input']['size']
    mh, mw = model_input_size(H, W, size['shortSide'], size['multiple'])
    ab = annealed_mean(net(resize(L.float(), (mh, mw))), bins, temperature).double()
    mean = ab.mean(dim=(2, 3), keepdim=True)
    ab = mean + gain * (ab - mean)
    ab = resize(ab.float(), (H, W)).double()
    rgb = lab_to_rgb_keep_l(torch.cat([L, ab], 1))[0].permute(1, 2, 0).numpy()
    return np.floor(rgb * 255 + 0.5).astype(np.uint8)


def main():
    mdir = os.path.join(ROOT, 'models')
    net, bins = netmod.from_onnx(os.path.join(mdir, 'tiny-logits.onnx'), width=8)
    net.eval()
    manifest = json.load(open(os.path.join(mdir, 'tiny-logits.json')))
    frames = sorted(os.listdir(os.path.join(ROOT, 'frames', 'gray')))
    grays = [np.asarray(Image.open(os.path.join(ROOT, 'frames', 'gray', f))) for f in frames]
    for i, g in enumerate(grays):
        ref = np.asarray(Image.open(os.path.join(ROOT, 'reference', 'tiny-logits', f'frame_{i:03d}.png')))
        diff = np.abs(pipeline(net, manifest, bins, g, manifest['output']['temperature'], 1.0).astype(int) - ref).max()
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
        rgb = pipeline(net, manifest, bins, g, manifest['output']['temperature'], GAIN)
        plain = np.asarray(Image.open(os.path.join(ROOT, 'reference', 'tiny-logits', f'frame_{i:03d}.png')))
        changed += int((np.abs(rgb.astype(int) - plain).max(-1) > 1).sum())
        Image.fromarray(rgb, 'RGB').save(os.path.join(out, f'frame_{i:03d}.png'))
    print(f'{len(grays)} frames written to {out}; {changed} pixels differ by > 1 level from gain 1')


if __name__ == '__main__':
    main()
