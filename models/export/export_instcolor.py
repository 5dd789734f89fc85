#!/usr/bin/env python3
r"""Export InstColorization (Su, Chu & Huang, CVPR 2020) to two ONNX graphs plus a Colorize Video
manifest (format colorize-video-instance/1).

  NAME_full.onnx    GComp alone, the path for frames in which nothing was detected:
                    L [N,1,256,256] raw L* 0..100 -> ab [N,2,256,256] (tanh x 110)
  NAME_fusion.onnx  G on the instance crops and GF on the full image, fused at 13 points:
                    L [1,1,256,256], crops [N,1,256,256] (raw L*, N >= 1 dynamic),
                    for R in 256, 128, 64, 32: idxR int64 [N,4,R] and wR float [N,4,R]
                    -> ab [1,2,256,256]

Why this split. The fusion needs, at each of the 13 points, every instance's feature map resized
bilinearly to its box and zero-padded to the full map. Returning G's 13 feature maps to Java and
feeding the pasted maps back would move ~1 GB per frame through the JVM at 8 instances (conv10_up
alone is N x 128 x 256 x 256 floats), so G and GF are one graph and the features never leave ONNX
Runtime. What stays in Java is pure geometry: the crops, get_box_info, and for every box and level
the two source indices and two weights of F.interpolate(mode='bilinear', align_corners=False) along
x (rows 0, 1 of idxR / wR) and y (rows 2, 3), computed with PyTorch's own formula; outside the box
both weights are 0. The graph applies them separably (a Gather per axis, x first, then y: the order
in which PyTorch's CPU kernel sums), which reproduces resize + zero padding, and takes the box masks
(and their union, for the +1e5 rule) from the non-zero weights. Box sizes differ per instance and
per frame, so a Resize with static sizes could not be traced into one graph; this needs none.

Preprocessing (done by the caller, as in the authors' Fusion_Testing_Dataset): the 8-bit gray frame
and each crop pil_img.crop((x0, y0, x1, y1)) are resized to 256x256 by torchvision's
Resize((256, 256), interpolation=2), i.e. PIL's bilinear resample on 8-bit RGB (with its antialias
support when shrinking and 8-bit rounding), then ToTensor and rgb2lab. Hints are zero and the hint
mask is -0.5 (mask_cent subtracted from an empty mask); both are constants inside the graphs.

Weights: the authors' three checkpoints (--checkpoints DIR holding latest_net_G.pth,
latest_net_GComp.pth, latest_net_GF.pth; a 'module.' prefix from DataParallel is stripped; loaded
with strict=True), or for tests --random-init --seed N. --reference-out DIR writes the PyTorch
reference of the whole instance-aware forward (the authors' per-instance loop) on a synthetic frame.

Examples:
  python3 models/export/export_instcolor.py --checkpoints checkpoints/coco_finetuned_mask_256_ffs \
      --out build/models --name instcolor
  python3 models/export/export_instcolor.py --random-init --seed 1 --out target/instcolor-export \
      --name instcolor_rand --reference-out target/instcolor-export
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checkpoints  # noqa: E402
import instcolor_archs as ia  # noqa: E402
import instcolor_reference as ref  # noqa: E402

FORMAT = 'colorize-video-instance/1'
SIZE = 256
MAX_INSTANCES = 8
TOLERANCE = 1e-3   # ab units


# ---------------------------------------------------------------------------------- graphs

def normalised_input(L):
    """Raw L* [N,1,h,w] -> the 4-channel trunk input (normalised L, zero ab hint, mask -0.5)."""
    A = (L - ia.L_CENT) / ia.L_NORM
    zero = A * 0.0
    return torch.cat((A, zero, zero, zero - ia.MASK_CENT), dim=1)


class FullGraph(nn.Module):
    """GComp: raw L* -> ab (x 110)."""

    def __init__(self, gcomp):
        super().__init__()
        self.gcomp = gcomp

    def forward(self, L):
        return self.gcomp.run(normalised_input(L))[0] * ia.AB_NORM


def paste(t, idx, w):
    """Bilinear resize of each instance map t [N,C,S,S] to its box and zero padding to [N,C,R,R].
    idx [N,4,R] int64 (x0, x1, y0, y1 source indices), w [N,4,R] (their weights; 0 outside the
    box). x first, then y, each as a Gather on the flattened (instance, position) axis."""
    n, c, s = t.shape[0], t.shape[1], t.shape[2]
    r = idx.shape[2]
    off = (torch.arange(n) * s).unsqueeze(1)
    wx0, wx1, wy0, wy1 = (w[:, k, :, None, None] for k in range(4))
    tx = t.permute(0, 3, 1, 2).reshape(-1, c, s)                    # [(n, x), C, y]
    a = tx[idx[:, 0] + off] * wx0 + tx[idx[:, 1] + off] * wx1        # [N, R(x), C, S(y)]
    ty = a.permute(0, 3, 1, 2).reshape(-1, r, c)                    # [(n, y), R(x), C]
    b = ty[idx[:, 2] + off] * wy0 + ty[idx[:, 3] + off] * wy1        # [N, R(y), R(x), C]
    return b.permute(0, 3, 1, 2)


def union_of_boxes(w):
    """[N,4,R] weights -> the union of the boxes [1,1,R,R] (1 where any box covers the pixel)."""
    cols = ((w[:, 0] + w[:, 1]) > 0).float()
    rows = ((w[:, 2] + w[:, 3]) > 0).float()
    boxes = rows[:, :, None] * cols[:, None, :]
    return torch.clamp(torch.sum(boxes, 0, keepdim=True), 0.0, 1.0).unsqueeze(1)


class FusionGraph(nn.Module):
    """G on the crops + GF on the full frame; see the module docstring for the inputs."""

    def __init__(self, g, gf):
        super().__init__()
        self.g = g
        self.gf = gf

    def forward(self, L, crops, idx256, w256, idx128, w128, idx64, w64, idx32, w32):
        geometry = [(idx256, w256), (idx128, w128), (idx64, w64), (idx32, w32)]
        unions = [union_of_boxes(w) for _, w in geometry]
        _, inst = self.g.run(normalised_input(crops))
        layers = {name: (getattr(self.gf, layer), level) for name, _, level, layer in ia.FUSION_POINTS}

        def fuse(name, bg):
            wg, level = layers[name]
            idx, w = geometry[level]
            feature = inst[name]
            logits = wg.simple_instance_conv(feature)
            return wg.forward_pasted(paste(feature, idx, w), paste(logits, idx, w), unions[level], bg)

        return self.gf.run(normalised_input(L), fuse)[0] * ia.AB_NORM


def fusion_io():
    inputs = [('L', 'float32', [1, 1, SIZE, SIZE]), ('crops', 'float32', [-1, 1, SIZE, SIZE])]
    for r in ia.LEVELS:
        inputs += [(f'idx{r}', 'int64', [-1, 4, r]), (f'w{r}', 'float32', [-1, 4, r])]
    return inputs, ('ab', [1, 2, SIZE, SIZE])


def full_io():
    return [('L', 'float32', [-1, 1, SIZE, SIZE])], ('ab', [-1, 2, SIZE, SIZE])


def fusion_feeds(full_L, crops_L, geometry):
    feeds = [torch.from_numpy(full_L), torch.from_numpy(crops_L)]
    for r in ia.LEVELS:
        idx, w = geometry[r]
        feeds += [torch.from_numpy(idx), torch.from_numpy(w)]
    return feeds


def export(module, feeds, io, path, opset):
    inputs, (out_name, _) = io
    names = [n for n, _, _ in inputs]
    dynamic = {n: {0: 'N'} for n, _, s in inputs if s[0] == -1}
    if out_name == 'ab' and inputs[0][2][0] == -1:
        dynamic[out_name] = {0: 'N'}
    with torch.no_grad():
        torch.onnx.export(module, tuple(feeds), path, input_names=names, output_names=[out_name],
                          dynamic_axes=dynamic, opset_version=opset, do_constant_folding=True)


def check_onnx(path, io):
    import onnx
    model = onnx.load(path, load_external_data=False)
    onnx.checker.check_model(path)
    types = {onnx.TensorProto.FLOAT: 'float32', onnx.TensorProto.INT64: 'int64'}

    def describe(vi):
        t = vi.type.tensor_type
        return (vi.name, types.get(t.elem_type, str(t.elem_type)),
                [d.dim_value if d.HasField('dim_value') else -1 for d in t.shape.dim])

    init = {i.name for i in model.graph.initializer}
    got_in = [describe(vi) for vi in model.graph.input if vi.name not in init]
    inputs, (out_name, out_shape) = io
    assert got_in == [tuple(i) for i in inputs], f'{path}: inputs {got_in} != {inputs}'
    got_out = [describe(vi) for vi in model.graph.output]
    assert got_out == [(out_name, 'float32', out_shape)], f'{path}: outputs {got_out}'
    consumed = {i for n in model.graph.node for i in n.input}
    dead = [n for n, _, _ in got_in if n not in consumed]
    assert not dead, f'{path}: unused inputs {dead}'


# ---------------------------------------------------------------------------------- weights

def load_checkpoint(net, path):
    return checkpoints.load_checkpoint(net, path)


def build_nets(args):
    nets = {}
    g = torch.Generator().manual_seed(args.seed)
    for key in ('GComp', 'G', 'GF'):
        net = ia.ARCHS[key]()
        if args.checkpoints:
            load_checkpoint(net, os.path.join(args.checkpoints, ia.CHECKPOINTS[key]))
        else:
            ia.random_init_(net, g)
        nets[key] = net.eval()
    source = (os.path.abspath(args.checkpoints) if args.checkpoints
              else f'random init seed {args.seed}')
    return nets, source


def manifest_for(name, source):
    inputs, (out_name, out_shape) = fusion_io()
    full_in, (full_out, full_shape) = full_io()
    return {
        'format': FORMAT,
        'name': name,
        'description': 'Su, Chu & Huang, "Instance-aware Image Colorization", CVPR 2020 '
                       '(InstColorization): full-image network GComp, instance network G and fusion '
                       f'network GF; exported by models/export/export_instcolor.py from {source}',
        'size': SIZE,
        'maxInstances': MAX_INSTANCES,
        'levels': ia.LEVELS,
        'lRange': [0.0, 100.0],
        'resize': 'pil-bilinear-8bit',
        'full': {'file': f'{name}_full.onnx',
                 'inputs': [{'name': n, 'type': t, 'shape': s} for n, t, s in full_in],
                 'output': {'name': full_out, 'shape': full_shape}},
        'fusion': {'file': f'{name}_fusion.onnx',
                   'inputs': [{'name': n, 'type': t, 'shape': s} for n, t, s in inputs],
                   'output': {'name': out_name, 'shape': out_shape}},
    }


# ---------------------------------------------------------------------------------- main

def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument('--checkpoints', help='folder with latest_net_G.pth, latest_net_GComp.pth, '
                                           'latest_net_GF.pth')
    src.add_argument('--random-init', action='store_true', help='seeded random weights (tests)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', required=True, help='output directory')
    p.add_argument('--name', default='instcolor', help='writes NAME.json, NAME_full.onnx, '
                                                        'NAME_fusion.onnx')
    p.add_argument('--opset', type=int, default=13)
    p.add_argument('--reference-out', help='DIR: also write the PyTorch reference there')
    p.add_argument('--threads', type=int, default=1)
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()
    nets, source = build_nets(args)
    full, fusion = FullGraph(nets['GComp']).eval(), FusionGraph(nets['G'], nets['GF']).eval()

    frame = ref.fixture()
    full_L, crops_L, infos = ref.preprocess(frame.gray, frame.boxes)
    geometry = ref.paste_geometry(infos)
    paths = {k: os.path.join(args.out, f'{args.name}_{k}.onnx') for k in ('full', 'fusion')}
    export(full, [torch.from_numpy(full_L)], full_io(), paths['full'], args.opset)
    check_onnx(paths['full'], full_io())
    export(fusion, fusion_feeds(full_L, crops_L, geometry), fusion_io(), paths['fusion'], args.opset)
    check_onnx(paths['fusion'], fusion_io())
    manifest_path = os.path.join(args.out, args.name + '.json')
    with open(manifest_path, 'w') as f:
        json.dump(manifest_for(args.name, source), f, indent=2)
        f.write('\n')
    sizes = ', '.join(f'{os.path.basename(p)} {os.path.getsize(p) / 2**20:.1f} MiB' for p in paths.values())
    print(f'[instcolor] wrote {manifest_path}, {sizes} from {source} in {time.time() - t0:.1f} s')

    if args.reference_out:
        checks = ref.write_reference(args.reference_out, args.name, nets, full, fusion, frame,
                                     fusion_feeds, TOLERANCE)
        print('[instcolor] reference: ' + ', '.join(f'{k} {v:.3e}' for k, v in checks.items()))
        print(f'[instcolor] done in {time.time() - t0:.1f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
