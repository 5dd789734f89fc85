#!/usr/bin/env python3
r"""Export LPIPS (Zhang et al. 2018, richzhang/PerceptualSimilarity, the `lpips` pip package) to ONNX plus a
Colorize Measure manifest (format colorize-video-lpips/1), for the `lpips` parameter of Colorize Measure.

  in0, in1 [N,3,H,W] RGB in [-1, 1]  ->  distance [N,1,1,1]   (H, W dynamic; the spatial average)

Official model (needs internet once: `pip install lpips`, which ships the v0.1 linear-layer weights; the
AlexNet backbone weights are fetched by torchvision on first use):

  python3 models/export/export_lpips.py --out models/lpips --name lpips-alex-v0.1

This exports lpips.LPIPS(net='alex', version='0.1') exactly as the package builds it (ScalingLayer,
AlexNet relu1..relu5, unit-normalised features, squared differences, the learned 1x1 "lin" layers,
spatial mean, sum over layers); inputs are taken as already in [-1, 1] (normalize=False), which is
what Colorize Measure feeds (v / 127.5 - 1).

Without the package (for testing the export and the manifest only), --random-init builds the same
architecture with seeded random weights from torchvision's AlexNet definition:

  python3 models/export/export_lpips.py --random-init --seed 1 --out build/tmp --name lpips-rand

--reference-out FILE.json writes the PyTorch distances of a few seeded random image pairs, so the Java
side (org.colorizevideo.metrics.Lpips) can be checked against them.
"""
import argparse
import json
import os
import warnings

import numpy as np
import torch
import torch.nn as nn

FORMAT = 'colorize-video-lpips/1'


class StandIn(nn.Module):
    """LPIPS v0.1 with an AlexNet backbone, re-written from the paper's description for --random-init."""

    CHANNELS = (64, 192, 384, 256, 256)

    def __init__(self):
        super().__init__()
        import torchvision
        features = torchvision.models.alexnet(weights=None).features
        self.register_buffer('shift', torch.tensor([-.030, -.088, -.188]).view(1, 3, 1, 1))
        self.register_buffer('scale', torch.tensor([.458, .448, .450]).view(1, 3, 1, 1))
        # relu1 .. relu5 of torchvision's AlexNet features.
        self.slices = nn.ModuleList([features[0:2], features[2:5], features[5:8], features[8:10], features[10:12]])
        self.lins = nn.ModuleList([nn.Conv2d(c, 1, 1, bias=False) for c in self.CHANNELS])
        with torch.no_grad():
            for lin in self.lins:
                lin.weight.abs_()  # the released lin weights are non-negative

    def forward(self, in0, in1):
        h0 = (in0 - self.shift) / self.scale
        h1 = (in1 - self.shift) / self.scale
        total = 0
        for block, lin in zip(self.slices, self.lins):
            h0 = block(h0)
            h1 = block(h1)
            n0 = h0 / (torch.sqrt(torch.sum(h0 ** 2, dim=1, keepdim=True)) + 1e-10)
            n1 = h1 / (torch.sqrt(torch.sum(h1 ** 2, dim=1, keepdim=True)) + 1e-10)
            total = total + lin((n0 - n1) ** 2).mean([2, 3], keepdim=True)
        return total


class Official(nn.Module):
    """lpips.LPIPS(net='alex', version='0.1') with inputs already in [-1, 1]."""

    def __init__(self):
        super().__init__()
        import lpips
        self.model = lpips.LPIPS(net='alex', version='0.1', verbose=False)

    def forward(self, in0, in1):
        return self.model(in0, in1, normalize=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', required=True, help='output folder')
    ap.add_argument('--name', default='lpips-alex-v0.1')
    ap.add_argument('--random-init', action='store_true', help='seeded random weights, no lpips package (tests)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--opset', type=int, default=13)
    ap.add_argument('--reference-out', help='JSON file for PyTorch distances of seeded random pairs')
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    net = (StandIn() if args.random_init else Official()).eval()
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, args.name + '.onnx')
    x = torch.zeros(1, 3, 64, 64)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        torch.onnx.export(net, (x, x), onnx_path, input_names=['in0', 'in1'], output_names=['distance'],
                          opset_version=args.opset, do_constant_folding=True,
                          dynamic_axes={'in0': {0: 'n', 2: 'h', 3: 'w'}, 'in1': {0: 'n', 2: 'h', 3: 'w'},
                                        'distance': {0: 'n'}})
    try:
        import onnx
        onnx.checker.check_model(onnx.load(onnx_path))
    except ImportError:
        print('(onnx not installed: graph not checked)')
    manifest = {
        'format': FORMAT, 'name': args.name,
        'description': ('LPIPS v0.1, AlexNet (Zhang et al. 2018, richzhang/PerceptualSimilarity), exported by '
                        'models/export/export_lpips.py' if not args.random_init else
                        'LPIPS v0.1 AlexNet architecture with seeded random weights (seed %d): for tests only' % args.seed),
        'net': 'alex', 'version': '0.1', 'inputs': ['in0', 'in1'], 'output': 'distance', 'inputRange': [-1.0, 1.0],
    }
    with open(os.path.join(args.out, args.name + '.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    print('wrote', onnx_path, 'and', args.name + '.json', '(%.1f MiB)' % (os.path.getsize(onnx_path) / 2 ** 20))

    if args.reference_out:
        rng = np.random.default_rng(args.seed)
        pairs = []
        with torch.no_grad():
            for h, w in ((48, 64), (97, 131)):
                a = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
                b = np.clip(a.astype(int) + rng.integers(-40, 41, (h, w, 3)), 0, 255).astype(np.uint8)
                ta, tb = [torch.from_numpy((im / 127.5 - 1.0).transpose(2, 0, 1)[None].astype(np.float32)) for im in (a, b)]
                pairs.append({'height': h, 'width': w, 'a': a.reshape(-1).tolist(), 'b': b.reshape(-1).tolist(),
                              'distance': float(net(ta, tb).reshape(-1)[0])})
        with open(args.reference_out, 'w') as f:
            json.dump({'model': onnx_path, 'layout': 'HxWx3 uint8, row-major', 'pairs': pairs}, f)
        print('reference distances:', [p['distance'] for p in pairs])


if __name__ == '__main__':
    main()
