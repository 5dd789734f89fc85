#!/usr/bin/python3
"""Generates every fixture under test-data/ from scratch (deterministic; run from the repo root):

  /usr/bin/python3 test-data/scripts/make_fixtures.py

- lab/: >= 10,000 colours with scikit-image's rgb2lab and lab2rgb values (float64, little endian)
- frames/gray/: a small synthetic grayscale clip (moving shapes over gradients), 8-bit PNG
- models/: two tiny ONNX models with known (seeded) weights and their manifests:
    tiny-logits: CompactColorNet (width 8) over 81 ab bins, shortSide policy, output stride 4
    tiny-ab:     a fixed-size ab-regression net with a constant extra input (SIGGRAPH17-like)
- reference/<model>/: the full pipeline (resize, forward, annealed mean, resize, recombine, lab2rgb)
  computed in PyTorch/NumPy from the same weights: the Java output must match these PNGs.
"""
import json, os, sys

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from skimage import color

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(ROOT), 'models', 'training'))
from colorlib import lab_to_rgb_keep_l, annealed_mean, chroma_gain, model_input_size, resize, gray_to_L  # noqa: E402
from net import CompactColorNet  # noqa: E402

torch.set_num_threads(1)


def write_lab_references():
    out = os.path.join(ROOT, 'lab')
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(1931)
    grid = np.stack(np.meshgrid(*[np.arange(0, 256, 15)] * 3, indexing='ij'), -1).reshape(-1, 3)
    rgb = np.concatenate([grid, rng.integers(0, 256, (10240 - len(grid), 3))]).astype(np.uint8)
    lab = color.rgb2lab(rgb[None].astype(np.float64) / 255.0)[0]
    rgb.tofile(os.path.join(out, 'rgb2lab_in_u8.bin'))
    lab.astype('<f8').tofile(os.path.join(out, 'rgb2lab_out_f64.bin'))
    labs = np.stack([rng.uniform(0, 100, 10240), rng.uniform(-110, 110, 10240), rng.uniform(-110, 110, 10240)], 1)
    labs = labs.astype('<f4')
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        back = color.lab2rgb(labs[None].astype(np.float64))[0]
    labs.tofile(os.path.join(out, 'lab2rgb_in_f32.bin'))
    back.astype('<f8').tofile(os.path.join(out, 'lab2rgb_out_f64.bin'))
    print('lab references:', len(rgb), 'rgb2lab,', len(labs), 'lab2rgb')


def make_clip(n=6, h=72, w=100):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    frames = []
    for t in range(n):
        img = 40 + 120 * xx / w + 30 * np.sin(yy / 9.0 + t * 0.3)
        cx, cy = 20 + 9 * t, 30 + 3 * t
        img[(xx - cx) ** 2 + (yy - cy) ** 2 < 12 ** 2] = 230
        img[10 + t:25 + t, 60:80] = 15
        frames.append(np.clip(img, 0, 255).round().astype(np.uint8))
    return frames


def write_frames(frames):
    out = os.path.join(ROOT, 'frames', 'gray')
    os.makedirs(out, exist_ok=True)
    for i, f in enumerate(frames):
        Image.fromarray(f, 'L').save(os.path.join(out, f'frame_{i:03d}.png'))


class TinyAbNet(nn.Module):
    """Fixed 32x48 input, ab at stride 2, with an extra constant input like SIGGRAPH17's hints."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(2, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 8, 3, stride=2, padding=1),
                                  nn.ReLU(), nn.Conv2d(8, 2, 3, padding=1))

    def forward(self, L, hint):
        return torch.tanh(self.body(torch.cat([(L - 50.0) / 100.0, hint], 1))) * 110.0


def export(model, inputs, names, out_names, path, dynamic):
    torch.onnx.export(model, inputs, path, input_names=names, output_names=out_names, opset_version=13,
                      dynamic_axes=dynamic, do_constant_folding=True)


def tiny_logits():
    torch.manual_seed(7)
    g = np.arange(-80, 81, 20.0)
    bins = np.stack(np.meshgrid(g, g, indexing='ij'), -1).reshape(-1, 2).astype(np.float32)
    net = CompactColorNet(len(bins), width=8)
    with torch.no_grad():
        net.head.weight.mul_(40.0)   # peaky logits, so the decoded colours are far from gray
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
    net.eval()
    manifest = {
        'format': 'colorize-video-model/1', 'name': 'tiny-logits',
        'description': 'Test fixture: CompactColorNet width 8, seed 7, 81 bins; made by test-data/scripts/make_fixtures.py',
        'input': {'name': 'L', 'shape': [-1, 1, -1, -1], 'lRange': [0.0, 100.0],
                  'size': {'policy': 'shortSide', 'shortSide': 40, 'multiple': 8}},
        'extraInputs': [],
        'output': {'name': 'logits', 'kind': 'logits', 'stride': 4, 'temperature': 0.5, 'bins': bins.tolist()}}
    return net, manifest, bins


def tiny_ab():
    torch.manual_seed(11)
    net = TinyAbNet().eval()
    with torch.no_grad():
        net.body[4].weight.mul_(6.0)   # strong colours, so the test sees real chroma
    manifest = {
        'format': 'colorize-video-model/1', 'name': 'tiny-ab',
        'description': 'Test fixture: fixed 32x48 ab regression with a constant hint input; made by make_fixtures.py',
        'input': {'name': 'L', 'shape': [-1, 1, 32, 48], 'lRange': [0.0, 100.0],
                  'size': {'policy': 'fixed', 'height': 32, 'width': 48}},
        'extraInputs': [{'name': 'hint', 'shape': [-1, 1, 32, 48], 'fill': 0.25}],
        'output': {'name': 'ab', 'kind': 'ab', 'stride': 2}}
    return net, manifest


@torch.no_grad()
def reference_pipeline(net, manifest, gray_u8, bins=None, temperature=None, gain=1.0):
    """Our pipeline in PyTorch (float64 colour, float32 network) for one gray frame -> uint8 RGB; gain: the
    chroma gain on the decoded a*b* (logits models)."""
    H, W = gray_u8.shape
    L = torch.from_numpy(gray_to_L(gray_u8))[None, None]
    size = manifest['input']['size']
    if size['policy'] == 'fixed':
        mh, mw = size['height'], size['width']
    else:
        mh, mw = model_input_size(H, W, size['shortSide'], size['multiple'])
    Ls = resize(L.float(), (mh, mw))
    if manifest['output']['kind'] == 'logits':
        ab_small = chroma_gain(annealed_mean(net(Ls), torch.from_numpy(bins), temperature), gain)
    else:
        fill = manifest['extraInputs'][0]['fill']
        ab_small = net(Ls, torch.full((1, 1, mh, mw), fill))
    ab = resize(ab_small.float(), (H, W)).double()
    rgb = lab_to_rgb_keep_l(torch.cat([L, ab], 1))[0].permute(1, 2, 0).numpy()
    return np.floor(rgb * 255 + 0.5).astype(np.uint8)


def main():
    write_lab_references()
    frames = make_clip()
    write_frames(frames)
    mdir = os.path.join(ROOT, 'models')
    os.makedirs(mdir, exist_ok=True)

    net, manifest, bins = tiny_logits()
    export(net, (torch.zeros(1, 1, 40, 56),), ['L'], ['logits'], os.path.join(mdir, 'tiny-logits.onnx'),
           {'L': {0: 'n', 2: 'h', 3: 'w'}, 'logits': {0: 'n', 2: 'oh', 3: 'ow'}})
    json.dump(manifest, open(os.path.join(mdir, 'tiny-logits.json'), 'w'), indent=1)
    ab_net, ab_manifest = tiny_ab()
    export(ab_net, (torch.zeros(1, 1, 32, 48), torch.zeros(1, 1, 32, 48)), ['L', 'hint'], ['ab'],
           os.path.join(mdir, 'tiny-ab.onnx'), {'L': {0: 'n'}, 'hint': {0: 'n'}, 'ab': {0: 'n'}})
    json.dump(ab_manifest, open(os.path.join(mdir, 'tiny-ab.json'), 'w'), indent=1)

    for name, run in (('tiny-logits', lambda f: reference_pipeline(net, manifest, f, bins, 0.5)),
                      ('tiny-logits-T1', lambda f: reference_pipeline(net, manifest, f, bins, 1.0)),
                      ('tiny-ab', lambda f: reference_pipeline(ab_net, ab_manifest, f))):
        out = os.path.join(ROOT, 'reference', name)
        os.makedirs(out, exist_ok=True)
        for i, f in enumerate(frames):
            Image.fromarray(run(f), 'RGB').save(os.path.join(out, f'frame_{i:03d}.png'))
    print('fixtures written under', ROOT)


if __name__ == '__main__':
    main()
