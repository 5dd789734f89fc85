#!/usr/bin/python3
"""Fixtures for colour hints (Colorize Keyframe; run from the repo root, after make_fixtures.py):

  /usr/bin/python3 test-data/scripts/make_hint_fixtures.py

- models/tiny-hints.{onnx,json}: a fixed 32x48 ab-regression net with SIGGRAPH17's three inputs
  (L, ab_hint raw ab, hint_mask 0/1) and the manifest's "hints" block. Where the mask is set (grown by
  one pixel) the output is the hint's ab, elsewhere a seeded random net: a model that visibly follows
  its hints, so a test sees whether they arrive at the right place.
- hints/hints.json: the hints of the test (frame, pixels in frame coordinates, clicked or not, sRGB
  colour) and their a*b* by scikit-image's rgb2lab (an independent reference for our Lab code).
- reference/tiny-hints/frame_002.png: frame 3 of frames/gray coloured with those hints by our pipeline in
  PyTorch: hints painted on the 32x48 grid (frame pixel (x, y) -> (floor(x*48/W), floor(y*32/H)); a
  click paints 3x3 model pixels), forward, triangle resize of ab, L* recombination, gamut mapping.
"""
import json, os, sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from skimage import color

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(ROOT), 'models', 'training'))
from colorlib import lab_to_rgb_keep_l, resize, gray_to_L  # noqa: E402

torch.set_num_threads(1)
MH, MW, CLICK = 32, 48, 3


class TinyHintNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 2, 3, padding=1))

    def forward(self, L, ab_hint, hint_mask):
        x = torch.cat([(L - 50.0) / 100.0, ab_hint / 110.0, hint_mask], 1)
        free = torch.tanh(self.body(x)) * 110.0
        near = F.max_pool2d(hint_mask, 3, stride=1, padding=1)      # the mask grown by one pixel
        spread = F.avg_pool2d(ab_hint * hint_mask, 3, stride=1, padding=1) / \
            F.avg_pool2d(hint_mask, 3, stride=1, padding=1).clamp_min(1e-6)
        return free * (1 - near) + spread * near


HINTS = [   # frame, xs, ys, clicked, sRGB colour
    {'frame': 2, 'xs': [20], 'ys': [30], 'clicks': True, 'rgb': [200, 40, 40]},
    {'frame': 2, 'xs': [x for y in range(50, 60) for x in range(60, 80)],
     'ys': [y for y in range(50, 60) for x in range(60, 80)], 'clicks': False, 'rgb': [40, 90, 210]},
    {'frame': 2, 'xs': [90], 'ys': [10], 'clicks': True, 'rgb': [60, 180, 60]},
]


def paint(hints, H, W):
    ab = torch.zeros(1, 2, MH, MW)
    mask = torch.zeros(1, 1, MH, MW)
    for h in hints:
        for x, y in zip(h['xs'], h['ys']):
            mx, my = int(np.floor(x * MW / W)), int(np.floor(y * MH / H))
            r0, r1 = (-(CLICK - 1) // 2, CLICK // 2) if h['clicks'] else (0, 0)
            for yy in range(max(0, my + r0), min(MH - 1, my + r1) + 1):
                for xx in range(max(0, mx + r0), min(MW - 1, mx + r1) + 1):
                    ab[0, 0, yy, xx], ab[0, 1, yy, xx] = h['ab']
                    mask[0, 0, yy, xx] = 1
    return ab, mask


def main():
    torch.manual_seed(5)
    net = TinyHintNet().eval()
    mdir = os.path.join(ROOT, 'models')
    torch.onnx.export(net, (torch.zeros(1, 1, MH, MW), torch.zeros(1, 2, MH, MW), torch.zeros(1, 1, MH, MW)),
                      os.path.join(mdir, 'tiny-hints.onnx'), input_names=['L', 'ab_hint', 'hint_mask'],
                      output_names=['ab'], opset_version=13, do_constant_folding=True,
                      dynamic_axes={'L': {0: 'n'}, 'ab_hint': {0: 'n'}, 'hint_mask': {0: 'n'}, 'ab': {0: 'n'}})
    manifest = {
        'format': 'colorize-video-model/1', 'name': 'tiny-hints',
        'description': 'Test fixture: fixed 32x48 ab regression that copies its hints; made by make_hint_fixtures.py',
        'input': {'name': 'L', 'shape': [-1, 1, MH, MW], 'lRange': [0.0, 100.0],
                  'size': {'policy': 'fixed', 'height': MH, 'width': MW}},
        'extraInputs': [{'name': 'ab_hint', 'shape': [-1, 2, MH, MW], 'fill': 0.0},
                        {'name': 'hint_mask', 'shape': [-1, 1, MH, MW], 'fill': 0.0}],
        'output': {'name': 'ab', 'kind': 'ab', 'stride': 1},
        'hints': {'ab': 'ab_hint', 'mask': 'hint_mask', 'abScale': 1.0, 'maskOn': 1.0, 'maskOff': 0.0}}
    json.dump(manifest, open(os.path.join(mdir, 'tiny-hints.json'), 'w'), indent=1)

    for h in HINTS:
        lab = color.rgb2lab(np.array(h['rgb'], np.float64).reshape(1, 1, 3) / 255.0)[0, 0]
        h['ab'] = [float(lab[1]), float(lab[2])]
    hdir = os.path.join(ROOT, 'hints')
    os.makedirs(hdir, exist_ok=True)
    json.dump({'clickSize': CLICK, 'hints': HINTS}, open(os.path.join(hdir, 'hints.json'), 'w'), indent=1)

    gray = np.asarray(Image.open(os.path.join(ROOT, 'frames', 'gray', 'frame_002.png')).convert('L'))
    H, W = gray.shape
    L = torch.from_numpy(gray_to_L(gray))[None, None]
    with torch.no_grad():
        ab_hint, mask = paint(HINTS, H, W)
        ab_small = net(resize(L.float(), (MH, MW)), ab_hint, mask)
    ab = resize(ab_small.float(), (H, W)).double()
    rgb = lab_to_rgb_keep_l(torch.cat([L, ab], 1))[0].permute(1, 2, 0).numpy()
    out = os.path.join(ROOT, 'reference', 'tiny-hints')
    os.makedirs(out, exist_ok=True)
    Image.fromarray(np.floor(rgb * 255 + 0.5).astype(np.uint8), 'RGB').save(os.path.join(out, 'frame_002.png'))
    print('hint fixtures written under', ROOT, 'frame', W, 'x', H)


if __name__ == '__main__':
    main()
