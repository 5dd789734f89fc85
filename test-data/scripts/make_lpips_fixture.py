#!/usr/bin/env python3
"""A tiny LPIPS-shaped network (random, seeded weights) as ONNX + manifest, with PyTorch reference distances.

    /usr/bin/python3 test-data/scripts/make_lpips_fixture.py      (after make_warp_fixtures.py)

Writes test-data/models/tiny-lpips.onnx, tiny-lpips.json and tiny-lpips-reference.json. The network has
the structure of LPIPS v0.1 (richzhang/PerceptualSimilarity lpips/lpips.py): inputs in [-1, 1], the
ScalingLayer ((x - shift) / scale), a backbone whose intermediate activations are compared, each
normalised to unit length over channels (eps 1e-10), squared difference, a non-negative 1x1 "lin"
convolution without bias, spatial mean, summed over layers -> [N, 1, 1, 1]. Only the backbone is a
2-layer toy instead of AlexNet, so the Java side (org.colorizevideo.metrics.Lpips) is tested on the same
contract as the real model. The reference distances are result/ vs reference/ of test-data/warp.
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
MODELS = os.path.join(ROOT, 'test-data', 'models')
WARP = os.path.join(ROOT, 'test-data', 'warp')


class TinyLpips(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('shift', torch.tensor([-.030, -.088, -.188]).view(1, 3, 1, 1))
        self.register_buffer('scale', torch.tensor([.458, .448, .450]).view(1, 3, 1, 1))
        self.slice1 = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.ReLU())
        self.slice2 = nn.Sequential(nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU())
        self.lins = nn.ModuleList([nn.Conv2d(8, 1, 1, bias=False), nn.Conv2d(16, 1, 1, bias=False)])
        with torch.no_grad():
            for lin in self.lins:
                lin.weight.abs_()

    def features(self, x):
        x = (x - self.shift) / self.scale
        h1 = self.slice1(x)
        h2 = self.slice2(h1)
        return [h1, h2]

    def forward(self, in0, in1):
        total = 0
        for f0, f1, lin in zip(self.features(in0), self.features(in1), self.lins):
            n0 = f0 / (torch.sqrt(torch.sum(f0 ** 2, dim=1, keepdim=True)) + 1e-10)
            n1 = f1 / (torch.sqrt(torch.sum(f1 ** 2, dim=1, keepdim=True)) + 1e-10)
            total = total + lin((n0 - n1) ** 2).mean([2, 3], keepdim=True)
        return total


def to_tensor(path):
    a = np.asarray(Image.open(path).convert('RGB'), dtype=np.float64)
    return torch.from_numpy((a / 127.5 - 1.0).transpose(2, 0, 1)[None].astype(np.float32))


def main():
    torch.manual_seed(11)
    net = TinyLpips().eval()
    onnx_path = os.path.join(MODELS, 'tiny-lpips.onnx')
    x = torch.zeros(1, 3, 32, 48)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        torch.onnx.export(net, (x, x), onnx_path, input_names=['in0', 'in1'], output_names=['distance'],
                          opset_version=13, do_constant_folding=True,
                          dynamic_axes={'in0': {0: 'n', 2: 'h', 3: 'w'}, 'in1': {0: 'n', 2: 'h', 3: 'w'},
                                        'distance': {0: 'n'}})
    manifest = {'format': 'colorize-video-lpips/1', 'name': 'tiny-lpips',
                'description': 'Test fixture: LPIPS-shaped toy network with seeded random weights; made by make_lpips_fixture.py',
                'net': 'toy', 'version': '0.1', 'inputs': ['in0', 'in1'], 'output': 'distance', 'inputRange': [-1.0, 1.0]}
    with open(os.path.join(MODELS, 'tiny-lpips.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    frames = sorted(os.listdir(os.path.join(WARP, 'result')))
    dists = []
    with torch.no_grad():
        for name in frames:
            d = net(to_tensor(os.path.join(WARP, 'result', name)), to_tensor(os.path.join(WARP, 'reference', name)))
            dists.append(float(d.reshape(-1)[0]))
    with open(os.path.join(MODELS, 'tiny-lpips-reference.json'), 'w') as f:
        json.dump({'generator': 'test-data/scripts/make_lpips_fixture.py', 'pairs': 'test-data/warp result/ vs reference/',
                   'distances': dists}, f, indent=1)
    print(dists)


if __name__ == '__main__':
    main()
