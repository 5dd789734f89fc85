#!/usr/bin/env python3
r"""Export Deep Exemplar-based Video Colorization (Zhang et al., CVPR 2019, "DEVC") to two ONNX
graphs plus a Colorize Video manifest (format colorize-video-exemplar/1). All tensors float32 NCHW,
batch 1, at the network size 216x384; Lab is centred as the authors do (L* - 50, raw ab).

  NAME_reference.onnx  ref_lab [1,3,216,384]
                       -> ref_features [1,256,5184]  WarpNet's phi projection of the reference:
                                                     VGG relu2_2..relu5_2 (feature_normalize),
                                                     layer2_1..layer5_1, 3 residual blocks, phi,
                                                     centred per channel, L2 per position
                          ref_ab [1,2,54,96]         avg_pool2d(ref ab, 4)
  NAME_frame.onnx      L [1,1,216,384], ref_features, ref_ab, prev_lab [1,3,216,384],
                       temperature [1]
                       -> ab [1,2,216,384]           tanh x 128
                          similarity [1,1,216,384]   max cosine per position, nearest x4

Why this split. Everything in the authors' test.py that depends only on the reference (its
Lab -> RGB, VGG19, WarpNet's feature path and the phi projection, the pooled reference colour) is
computed once per reference or keyframe; the frame graph runs VGG19 on the frame, the theta
projection, the 5184 x 5184 cosine correlation, the softmax warp and ColorVidNet. The authors run
the reference half of WarpNet again on every frame, but frame and reference go through WarpNet's
layers separately (instance norms are per image, no batch statistics), so computing it once gives
the same numbers: the split is exact (checked in PyTorch against the unsplit loop, see
devc_reference.py). Returning the raw VGG features instead would cost ~19 MB per call and rerun
WarpNet's reference half per frame; ref_features is 5.3 MB. The recurrence (prev_lab = cat(L, ab)
of the previous frame; zeros for the first), CenterPad-like scaling to 432x768, the x0.5
downscale, the upsampling of ab and the recombination with full-resolution L* are done in Java.

Temperature. test.py passes 1e-10 (WarpNet's default is 0.005, training used 0.01). At 1e-10,
softmax(f / T) in float32 is exactly a one-hot on the best-matching reference position: any other
correlation differs by at least one ulp (~6e-8), x 1e10 >= 600, and exp(-600) underflows to 0.
ONNX Softmax (opset 13) and PyTorch both subtract the row maximum, so this exports and runs
without overflow (f / T <= 1e10 is finite). The catch is numerical, not the export: where the best
and second-best correlations are within float noise of each other, two implementations may pick
different reference pixels (the reference records these gaps). The temperature is therefore a
graph input (a 1-element tensor), the manifest gives test.py's value, and the smooth training
value 0.01 can be fed for comparisons without changing the graph.

Weights: --checkpoints DIR holding vgg19_conv.pth, nonlocal_net_iter_76000.pth and
colornet_iter_76000.pth (the authors' data/ and checkpoints/video_moredata_l1/ files; a 'module.'
prefix is stripped; strict=True), or --random-init --seed N for tests (--init conditioned, the
default: weights calibrated so that two float32 implementations agree, see
devc_archs.conditioned_init_; --init he: plain He-normal weights, whose float32 rounding the networks
amplify chaotically). --reference-out DIR writes the PyTorch reference of the whole recurrent loop on
a synthetic clip (devc_reference.py).

Examples:
  python3 models/export/export_devc.py --checkpoints ckpt --out build/models --name devc
  python3 models/export/export_devc.py --random-init --seed 1 --out target/devc-export \
      --name devc_rand --reference-out target/devc-export
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checkpoints  # noqa: E402
import devc_archs as da  # noqa: E402

FORMAT = 'colorize-video-exemplar/1'
TOLERANCE = 1e-4   # ab units, split graphs vs the unsplit loop in PyTorch
H, W, FH, FW = da.HEIGHT, da.WIDTH, da.FEAT_H, da.FEAT_W


# ---------------------------------------------------------------------------------- graphs

class ReferenceGraph(nn.Module):
    def __init__(self, vgg, warpnet):
        super().__init__()
        self.vgg, self.warpnet = vgg, warpnet

    def forward(self, ref_lab):
        features_B = da.reference_features(self.vgg, ref_lab)
        B = [da.feature_normalize(t) for t in features_B[1:5]]
        phi = self.warpnet.project(self.warpnet.features(*B), 'phi')
        return phi, F.avg_pool2d(ref_lab, 4)[:, 1:3]


class FrameGraph(nn.Module):
    def __init__(self, vgg, warpnet, colornet):
        super().__init__()
        self.vgg, self.warpnet, self.colornet = vgg, warpnet, colornet

    def correlation(self, L, ref_features):
        A = [da.feature_normalize(t) for t in self.vgg(da.gray2rgb(L), da.VGG_LAYERS)]
        theta = self.warpnet.project(self.warpnet.features(*A), 'theta')
        return torch.matmul(theta.permute(0, 2, 1), ref_features)

    def forward(self, L, ref_features, ref_ab, prev_lab, temperature):
        A = [da.feature_normalize(t) for t in self.vgg(da.gray2rgb(L), da.VGG_LAYERS)]
        theta = self.warpnet.project(self.warpnet.features(*A), 'theta')
        warped_ab, similarity = self.warpnet.warp(theta, ref_features, ref_ab, temperature, FH, FW)
        ab = self.colornet(torch.cat((L, warped_ab, similarity, prev_lab), dim=1))
        return ab, similarity


REFERENCE_IO = ([('ref_lab', [1, 3, H, W])],
                [('ref_features', [1, 256, FH * FW]), ('ref_ab', [1, 2, FH, FW])])
FRAME_IO = ([('L', [1, 1, H, W]), ('ref_features', [1, 256, FH * FW]), ('ref_ab', [1, 2, FH, FW]),
             ('prev_lab', [1, 3, H, W]), ('temperature', [1])],
            [('ab', [1, 2, H, W]), ('similarity', [1, 1, H, W])])


def example_feeds(reference_graph):
    """Non-trivial feeds for tracing (the traced graph does not depend on their values)."""
    g = torch.Generator().manual_seed(0)
    ref_lab = torch.cat((torch.rand(1, 1, H, W, generator=g) * 100 - 50,
                         torch.randn(1, 2, H, W, generator=g) * 30), 1)
    with torch.no_grad():
        ref_features, ref_ab = reference_graph(ref_lab)
    L = torch.rand(1, 1, H, W, generator=g) * 100 - 50
    prev = torch.cat((L, torch.randn(1, 2, H, W, generator=g) * 20), 1)
    return [ref_lab], [L, ref_features, ref_ab, prev, torch.tensor([da.TEST_TEMPERATURE])]


def _pad_symbolic(g, x, pad, mode, value):
    """Symbolic for aten::pad (what ReflectionPad2d and F.pad(mode='replicate') trace to in torch
    1.13) that writes the pads as one constant. torch's own builds them with a reversing Slice that
    its constant folding skips, leaving ~8 shape nodes per pad and no static shapes after it."""
    from torch.onnx import symbolic_helper
    left, right, top, bottom = symbolic_helper._parse_arg(pad, 'is')
    mode = symbolic_helper._parse_arg(mode, 's')
    onnx_mode = {'reflect': 'reflect', 'replicate': 'edge', 'constant': 'constant'}[mode]
    pads = torch.tensor([0, 0, top, left, 0, 0, bottom, right], dtype=torch.int64)
    assert onnx_mode != 'constant', 'constant padding is not used by DEVC'
    return g.op('Pad', x, g.op('Constant', value_t=pads), mode_s=onnx_mode)


def _instance_norm_symbolic(g, x, weight, bias, running_mean, running_var, use_input_stats,
                            momentum, eps, cudnn_enabled):
    """Symbolic for aten::instance_norm (DEVC's InstanceNorm2d layers, all without affine
    parameters): the same function written as ReduceMean / Sub / Mul / Sqrt / Div, with every mean
    over H x W taken as a mean over W, then over H. Why: ONNX Runtime's CPU InstanceNormalization
    sums each channel's H x W values (82944 at 216x384) in float32 through a handful of SIMD
    accumulators; its mean and variance are then off by up to ~2e-5 relative, which moved the
    random-init frame graph's ab by 1.7e-3 against PyTorch (ColorVidNet alone, same input). Short
    rows (384, then 216 values) keep the sums at float32 rounding: ONNX Runtime vs PyTorch 1.2e-4 ab,
    as PyTorch float32 vs float64 (1.2e-4)."""
    from torch.onnx import symbolic_helper
    eps = symbolic_helper._parse_arg(eps, 'f')
    assert symbolic_helper._is_none(weight) and symbolic_helper._is_none(bias), \
        'DEVC\'s instance norms have no affine parameters'

    def mean_hw(t):   # ReduceMean's axes attribute: opsets up to 17 (torch 1.13's maximum)
        return g.op('ReduceMean', g.op('ReduceMean', t, axes_i=[3], keepdims_i=1), axes_i=[2], keepdims_i=1)

    centred = g.op('Sub', x, mean_hw(x))
    var = mean_hw(g.op('Mul', centred, centred))
    eps_t = g.op('Constant', value_t=torch.tensor(eps, dtype=torch.float32))
    return g.op('Div', centred, g.op('Sqrt', g.op('Add', var, eps_t)))


def register_symbolics(opset):
    torch.onnx.register_custom_op_symbolic('aten::pad', _pad_symbolic, opset)
    torch.onnx.register_custom_op_symbolic('aten::instance_norm', _instance_norm_symbolic, opset)


def export(module, feeds, io, path, opset):
    register_symbolics(opset)
    inputs, outputs = io
    with torch.no_grad():
        torch.onnx.export(module, tuple(feeds), path, input_names=[n for n, _ in inputs],
                          output_names=[n for n, _ in outputs], opset_version=opset,
                          do_constant_folding=True)


def check_onnx(path, io):
    """onnx.checker, and the graph's inputs/outputs (names, float32, shapes) against io; no
    unused inputs. Returns the sorted set of op types."""
    import onnx
    onnx.checker.check_model(path)
    model = onnx.load(path, load_external_data=False)

    def describe(vi):
        t = vi.type.tensor_type
        assert t.elem_type == onnx.TensorProto.FLOAT, f'{path}: {vi.name} is not float32'
        return vi.name, [d.dim_value if d.HasField('dim_value') else -1 for d in t.shape.dim]

    init = {i.name for i in model.graph.initializer}
    got_in = [describe(vi) for vi in model.graph.input if vi.name not in init]
    got_out = [describe(vi) for vi in model.graph.output]
    inputs, outputs = io
    assert got_in == [(n, s) for n, s in inputs], f'{path}: inputs {got_in} != {inputs}'
    assert got_out == [(n, s) for n, s in outputs], f'{path}: outputs {got_out} != {outputs}'
    consumed = {i for n in model.graph.node for i in n.input}
    dead = [n for n, _ in got_in if n not in consumed]
    assert not dead, f'{path}: unused inputs {dead}'
    return sorted({n.op_type for n in model.graph.node})


# ---------------------------------------------------------------------------------- weights

def load_checkpoint(net, path):
    return checkpoints.load_checkpoint(net, path, '\nexpected layout:\n' + da.describe_layout(8))


def build_nets(args):
    nets = da.build()
    g = torch.Generator().manual_seed(args.seed)
    if args.checkpoints:
        for key, net in nets.items():
            load_checkpoint(net, os.path.join(args.checkpoints, da.CHECKPOINTS[key]))
    elif args.init == 'conditioned':
        da.conditioned_init_(nets, g)
    else:
        for net in nets.values():
            da.random_init_(net, g)
    for net in nets.values():
        net.eval()
    if args.checkpoints:
        source = {'checkpoints': [os.path.join(os.path.abspath(args.checkpoints), f)
                                  for f in da.CHECKPOINTS.values()]}
    else:
        source = {'randomInit': f'random-init seed {args.seed}'
                                + (' (conditioned)' if args.init == 'conditioned' else ' (he)')}
    return nets, source


def manifest_for(name, source, temperature):
    def io(spec):
        return [{'name': n, 'type': 'float32', 'shape': s} for n, s in spec]
    return {
        'format': FORMAT,
        'name': name,
        'description': 'Zhang et al., "Deep Exemplar-based Video Colorization", CVPR 2019: VGG19, '
                       'WarpNet (correspondence) and ColorVidNet; exported by '
                       'models/export/export_devc.py',
        'weights': source,
        'size': [H, W],
        'featureSize': [FH, FW],
        'lab': {'l_offset': da.L_MEAN, 'ab_scale': da.AB_SCALE,
                'note': 'graphs take and return L* - 50 and raw ab (divided by ab_scale)'},
        'preprocess': {'padSize': [2 * H, 2 * W], 'centerPad': 'scale to cover, centre crop',
                       'downscale': 'bilinear x0.5 (2x2 mean)'},
        'temperature': temperature,
        'recurrent': True,
        'firstPrevious': {'prev_lab': 'zeros', 'note': 'zeros in the centred space: L* 50, ab 0'},
        'previous': 'cat(L of the frame, predicted ab) of the previous frame, at 216x384',
        'reference': {'file': f'{name}_reference.onnx', 'inputs': io(REFERENCE_IO[0]),
                      'outputs': io(REFERENCE_IO[1]), 'runs': 'once per reference / keyframe'},
        'frame': {'file': f'{name}_frame.onnx', 'inputs': io(FRAME_IO[0]),
                  'outputs': io(FRAME_IO[1]), 'runs': 'once per frame',
                  'feeds': {'temperature': [temperature]}},
        'output': {'ab': 'tanh x 128 at 216x384; test.py upsamples x2 bilinearly and multiplies '
                         'by 1.25 before its WLS filter'},
    }


# ---------------------------------------------------------------------------------- main

def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog='checkpoint layout expected by --checkpoints:\n'
                                       + da.describe_layout(4))
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument('--checkpoints', help='folder with ' + ', '.join(da.CHECKPOINTS.values()))
    src.add_argument('--random-init', action='store_true', help='seeded random weights (tests)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--init', choices=('conditioned', 'he'), default='conditioned',
                   help='with --random-init: devc_archs.conditioned_init_ (default: a float32 test '
                        'instrument, see devc_archs.py) or random_init_ (He-normal; chaotic in float32)')
    p.add_argument('--out', required=True, help='output directory')
    p.add_argument('--name', default='devc', help='writes NAME.json, NAME_reference.onnx, NAME_frame.onnx')
    p.add_argument('--temperature', type=float, default=da.TEST_TEMPERATURE,
                   help='softmax temperature written to the manifest (default: test.py\'s 1e-10)')
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
    reference = ReferenceGraph(nets['vgg'], nets['nonlocal']).eval()
    frame = FrameGraph(nets['vgg'], nets['nonlocal'], nets['color']).eval()
    ref_feeds, frame_feeds = example_feeds(reference)
    paths = {k: os.path.join(args.out, f'{args.name}_{k}.onnx') for k in ('reference', 'frame')}
    for key, module, feeds, io in (('reference', reference, ref_feeds, REFERENCE_IO),
                                   ('frame', frame, frame_feeds, FRAME_IO)):
        export(module, feeds, io, paths[key], args.opset)
        ops = check_onnx(paths[key], io)
        print(f'[devc] {os.path.basename(paths[key])}: {os.path.getsize(paths[key]) / 2**20:.1f} MiB, '
              f'ops {" ".join(ops)}')
    manifest_path = os.path.join(args.out, args.name + '.json')
    with open(manifest_path, 'w') as f:
        json.dump(manifest_for(args.name, source, args.temperature), f, indent=2)
        f.write('\n')
    print(f'[devc] wrote {manifest_path} ({list(source.values())[0]}) in {time.time() - t0:.1f} s')

    if args.reference_out:
        import devc_reference as ref
        checks = ref.write_reference(args.reference_out, args.name, nets, reference, frame,
                                     args.temperature, TOLERANCE)
        print('[devc] reference: ' + ', '.join(f'{k} {v:.3e}' if isinstance(v, float) else f'{k} {v}'
                                             for k, v in checks.items()))
        print(f'[devc] done in {time.time() - t0:.1f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
