#!/usr/bin/env python3
"""Generate the InstColorization geometry fixtures for org.colorizevideo.instance (BoxGeometry,
FeaturePaste, PilBilinear). Run with the system interpreter (torch, torchvision, Pillow 9):

    /usr/bin/python3 test-data/scripts/make_instance_fixtures.py

Writes test-data/instance/:
  box_info.json   get_box_info (models/export/instcolor_reference.py, the authors' formula) of
                  random, tiny and border-touching boxes in several frame sizes, at 256/128/64/32
  paste.json/.bin F.interpolate(mode='bilinear', align_corners=False) + F.pad (the authors'
                  WeightGenerator.resize_and_pad) of a seeded random 2x32x32 map onto 32x32 and 64x64
                  maps for several box_info rows; float32 little-endian, the source map first
  pil.json/.bin   PIL's bilinear resize (Image.resize(size, Image.BILINEAR) after crop) of an 8-bit
                  gray image given by a closed formula (the Java test regenerates it), uint8
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'models', 'export'))
from instcolor_reference import get_box_info  # noqa: E402

OUT = os.path.join(ROOT, 'test-data', 'instance')
LEVELS = [256, 128, 64, 32]


def box_cases():
    rng = np.random.default_rng(6)
    cases = []
    frames = [(320, 240), (640, 480), (1920, 1080), (257, 113), (100, 700)]
    for w, h in frames:
        fixed = [(0, 0, w, h), (0, 0, 1, 1), (w - 1, h - 1, w, h), (w - 5, 0, w, 3), (0, h - 2, 4, h),
                 (w // 2, h // 2, w // 2 + 1, h // 2 + 1), (3, 4, w - 3, 9), (w - 2, h - 2, w - 1, h - 1)]
        for _ in range(8):
            x0, x1 = sorted(rng.choice(w + 1, 2, replace=False))
            y0, y1 = sorted(rng.choice(h + 1, 2, replace=False))
            fixed.append((int(x0), int(y0), int(x1), int(y1)))
        for b in fixed:
            cases.append({'frame': [w, h], 'box': list(b),
                          'info': {str(r): get_box_info(np.array(b, np.int32), (w, h), r) for r in LEVELS}})
    return cases


def paste_cases():
    g = torch.Generator().manual_seed(3)
    src = torch.randn(1, 2, 32, 32, generator=g)
    infos = [(32, [0, 0, 0, 0, 32, 32]), (32, [5, 10, 3, 20, 17, 9]), (32, [31, 0, 0, 31, 1, 1]),
             (32, [0, 29, 30, 0, 3, 2]), (64, [7, 3, 2, 9, 54, 53]), (64, [40, 23, 1, 0, 1, 63])]
    out, cases = [src.numpy().ravel()], []
    for r, info in infos:
        t = F.interpolate(src, size=(info[5], info[4]), mode='bilinear', align_corners=False)
        t = F.pad(t, (info[0], info[1], info[2], info[3]), 'constant', 0)
        assert t.shape[-2:] == (r, r), (t.shape, r)
        cases.append({'size': r, 'info': info, 'offset': int(sum(a.size for a in out))})
        out.append(t.numpy().ravel())
    np.concatenate(out).astype('<f4').tofile(os.path.join(OUT, 'paste.bin'))
    return {'channels': 2, 'source': 32, 'cases': cases}


def pil_image(w, h):
    y, x = np.meshgrid(np.arange(h), np.arange(w), indexing='ij')
    return ((x * 7 + y * 13 + ((x * y) % 29) * 3) % 256).astype(np.uint8)


def pil_cases():
    w, h = 520, 300
    img = Image.fromarray(np.stack([pil_image(w, h)] * 3, -1))
    specs = [((0, 0, w, h), (64, 48)), ((0, 0, w, h), (256, 256)), ((10, 20, 50, 40), (70, 90)),
             ((0, 0, w, 7), (100, 30)), ((400, 100, 401, 300), (37, 40)), ((13, 17, 300, 290), (256, 64))]
    data, cases, offset = [], [], 0
    for box, size in specs:
        r = np.asarray(img.crop(box).resize(size, Image.BILINEAR))
        assert (r[..., 0] == r[..., 1]).all() and (r[..., 0] == r[..., 2]).all()
        cases.append({'box': list(box), 'size': list(size), 'offset': offset})
        data.append(r[..., 0].ravel())
        offset += r[..., 0].size
    np.concatenate(data).astype(np.uint8).tofile(os.path.join(OUT, 'pil.bin'))
    return {'image': [w, h], 'formula': '(x*7 + y*13 + ((x*y) % 29)*3) % 256', 'cases': cases}


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'box_info.json'), 'w') as f:
        json.dump({'levels': LEVELS, 'cases': box_cases()}, f, separators=(',', ':'))
    with open(os.path.join(OUT, 'paste.json'), 'w') as f:
        json.dump(paste_cases(), f, indent=1)
    import PIL
    with open(os.path.join(OUT, 'pil.json'), 'w') as f:
        json.dump(dict(pil_cases(), pillow=PIL.__version__), f, indent=1)
    print('wrote', OUT, sorted(os.listdir(OUT)))


if __name__ == '__main__':
    main()
