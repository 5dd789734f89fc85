#!/usr/bin/env python3
"""Checks for the DEVC export (devc_archs.py, export_devc.py, devc_reference.py). Plain script,
exits non-zero on failure (about 2.5 minutes on one busy core):

    /usr/bin/python3 models/export/test_export_devc.py [--keep DIR]

1. The state_dict layouts of VGG19_pytorch, WarpNet and ColorVidNet(7) against the authors'
   models/NonlocalNet.py and models/ColorVidNet.py, written out here by hand (key names, shapes),
   and strict loading of DataParallel-style checkpoints ('module.' prefix).
2. A random-init export into a temporary folder: onnx.checker, the graphs' input/output names and
   shapes equal the manifest's, no unused inputs, every pad a constant Pad (reflect / edge), every
   instance norm written as ReduceMean ops (no InstanceNormalization node, see export_devc.py).
3. The recurrent loop through the two export modules equals the authors' unsplit loop
   (devc_archs.frame_colorization, reference features once, previous = zeros then fed back) on
   the first two frames of the synthetic clip, within 1e-4 ab, at test.py's temperature.
4. The conditioned random init (devc_archs.conditioned_init_, what the export and the Java test use)
   keeps the authors' layout, ties phi to theta, and is a float32 instrument: frame 0 through the
   split graphs in float32 vs float64 within 1e-3 ab at T = 1e-10 (measured 1.6e-4).
ONNX Runtime is not available in Python here; the Java side runs the graphs.
"""
import argparse
import copy
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import devc_archs as da  # noqa: E402
import devc_reference as ref  # noqa: E402
import export_devc  # noqa: E402


def conv(p, cout, cin, k, bias=True):
    d = {f'{p}.weight': [cout, cin, k, k]}
    if bias:
        d[f'{p}.bias'] = [cout]
    return d


def official_vgg():
    d = {}
    for b, (cin, cout, n) in enumerate([(3, 64, 2), (64, 128, 2), (128, 256, 4), (256, 512, 4),
                                        (512, 512, 4)], start=1):
        for i in range(1, n + 1):
            d.update(conv(f'conv{b}_{i}', cout, cin if i == 1 else cout, 3))
    return d


def official_warpnet():
    d = {}
    for name, cin, mid in (('layer2_1', 128, 128), ('layer3_1', 256, 128), ('layer4_1', 512, 256)):
        d.update(conv(f'{name}.1', mid, cin, 3)); d[f'{name}.3.weight'] = [1]
        d.update(conv(f'{name}.5', 64, mid, 3)); d[f'{name}.7.weight'] = [1]
    d.update(conv('layer5_1.1', 256, 512, 3)); d['layer5_1.3.weight'] = [1]
    d.update(conv('layer5_1.6', 64, 256, 3)); d['layer5_1.8.weight'] = [1]
    for i in range(3):
        d.update(conv(f'layer.{i}.conv1', 256, 256, 3)); d[f'layer.{i}.prelu.weight'] = [1]
        d.update(conv(f'layer.{i}.conv2', 256, 256, 3))
    d.update(conv('theta', 256, 256, 1)); d.update(conv('phi', 256, 256, 1))
    return d


def official_colorvidnet():
    d = {}
    d.update(conv('conv1_1.0', 32, 7, 3)); d.update(conv('conv1_1.2', 64, 32, 3))
    d.update(conv('conv1_2', 64, 64, 3)); d.update(conv('conv1_2norm_ss', 64, 1, 1, bias=False))
    d.update(conv('conv2_1', 128, 64, 3)); d.update(conv('conv2_2', 128, 128, 3))
    d.update(conv('conv2_2norm_ss', 128, 1, 1, bias=False))
    d.update(conv('conv3_1', 256, 128, 3)); d.update(conv('conv3_2', 256, 256, 3))
    d.update(conv('conv3_3', 256, 256, 3)); d.update(conv('conv3_3norm_ss', 256, 1, 1, bias=False))
    d.update(conv('conv4_1', 512, 256, 3))
    for name in ('conv4_2', 'conv4_3', 'conv5_1', 'conv5_2', 'conv5_3', 'conv6_1', 'conv6_2', 'conv6_3',
                 'conv7_1', 'conv7_2', 'conv7_3'):
        d.update(conv(name, 512, 512, 3))
    d.update(conv('conv8_1.1', 256, 512, 3)); d.update(conv('conv3_3_short', 256, 256, 3))
    d.update(conv('conv8_2', 256, 256, 3)); d.update(conv('conv8_3', 256, 256, 3))
    d.update(conv('conv9_1.1', 128, 256, 3)); d.update(conv('conv2_2_short', 128, 128, 3))
    d.update(conv('conv9_2', 128, 128, 3))
    d.update(conv('conv10_1.1', 128, 128, 3)); d.update(conv('conv1_2_short', 128, 64, 3))
    d.update(conv('conv10_2', 128, 128, 3)); d.update(conv('conv10_ab', 2, 128, 1))
    return d


def check_layouts():
    expected = {'vgg': official_vgg(), 'nonlocal': official_warpnet(), 'color': official_colorvidnet()}
    nets = da.build()
    for key, exp in expected.items():
        got = {k: list(v.shape) for k, v in nets[key].state_dict().items()}
        missing, extra = sorted(set(exp) - set(got)), sorted(set(got) - set(exp))
        assert not missing and not extra, f'{key}: missing {missing[:5]}, unexpected {extra[:5]}'
        wrong = [k for k in exp if exp[k] != got[k]]
        assert not wrong, f'{key}: shapes differ for {wrong[:5]}'
        print(f'[layout] {da.CHECKPOINTS[key]}: {len(got)} tensors as in the authors\' code')


def check_checkpoint_loading(tmp):
    src = {k: da.random_init_(n, torch.Generator().manual_seed(5)) for k, n in da.build().items()}
    for key, net in src.items():
        torch.save({'module.' + k: v for k, v in net.state_dict().items()},
                   os.path.join(tmp, da.CHECKPOINTS[key]))
    args = export_devc.parse_args(['--checkpoints', tmp, '--out', tmp])
    dst, source = export_devc.build_nets(args)
    for key, net in src.items():
        for k, v in net.state_dict().items():
            assert torch.equal(v, dst[key].state_dict()[k]), (key, k)
    assert len(source['checkpoints']) == 3
    print('[checkpoint] DataParallel-style checkpoints of all three networks load with strict=True')


def check_export(out):
    t0 = time.time()
    assert export_devc.main(['--random-init', '--seed', '1', '--out', out, '--name', 'devc_test']) == 0
    import onnx
    with open(os.path.join(out, 'devc_test.json')) as f:
        manifest = json.load(f)
    assert manifest['format'] == 'colorize-video-exemplar/1'
    assert manifest['size'] == [216, 384] and manifest['recurrent'] is True
    assert manifest['lab'] == {**manifest['lab'], 'l_offset': 50.0, 'ab_scale': 1.0}
    assert manifest['temperature'] == 1e-10
    assert manifest['weights'] == {'randomInit': 'random-init seed 1 (conditioned)'}
    for part in ('reference', 'frame'):
        spec = manifest[part]
        model = onnx.load(os.path.join(out, spec['file']))
        init = {i.name for i in model.graph.initializer}

        def dims(vi):
            return [d.dim_value for d in vi.type.tensor_type.shape.dim]
        got_in = [(vi.name, dims(vi)) for vi in model.graph.input if vi.name not in init]
        got_out = [(vi.name, dims(vi)) for vi in model.graph.output]
        assert got_in == [(i['name'], i['shape']) for i in spec['inputs']], (part, got_in)
        assert got_out == [(o['name'], o['shape']) for o in spec['outputs']], (part, got_out)
        pads = [n for n in model.graph.node if n.op_type == 'Pad']
        modes = sorted({a.s.decode() for n in pads for a in n.attribute if a.name == 'mode'})
        assert not any(n.op_type == 'ConstantOfShape' for n in model.graph.node), part
        assert set(modes) <= {'reflect', 'edge', 'constant'}, modes
        ops = {n.op_type for n in model.graph.node}
        assert 'InstanceNormalization' not in ops and 'ReduceMean' in ops, (part, sorted(ops))
        size = os.path.getsize(os.path.join(out, spec['file'])) / 2**20
        print(f'[onnx] {spec["file"]}: {size:.1f} MiB, inputs/outputs as in the manifest, '
              f'{len(pads)} Pads ({", ".join(modes)})')
    print(f'[onnx] export and checks took {time.time() - t0:.1f} s')


def conditioned_nets(seed=1):
    nets = da.build()
    da.conditioned_init_(nets, torch.Generator().manual_seed(seed))
    return {k: n.eval() for k, n in nets.items()}


def clip(n_frames):
    frames = ref.clip_frames(n_frames)
    frame_l = torch.cat([ref.network_lab(ref.center_pad(np.repeat(f[:, :, None], 3, 2)))[:, 0:1]
                         for f in frames])
    return frame_l, ref.network_lab(ref.center_pad(ref.reference_image()))


def check_split_loop(nets, n_frames=2):
    t0 = time.time()
    reference = export_devc.ReferenceGraph(nets['vgg'], nets['nonlocal']).eval()
    frame = export_devc.FrameGraph(nets['vgg'], nets['nonlocal'], nets['color']).eval()
    frame_l, ref_lab = clip(n_frames)
    ab, sim = ref.unsplit_loop(nets, frame_l, ref_lab, da.TEST_TEMPERATURE)
    ab_s, sim_s = ref.split_loop(reference, frame, frame_l, ref_lab, da.TEST_TEMPERATURE)
    d_ab, d_sim = float(np.abs(ab_s - ab).max()), float(np.abs(sim_s - sim).max())
    assert d_ab <= export_devc.TOLERANCE, f'split loop differs from the unsplit loop by {d_ab} ab'
    assert ab.std() > 1.0, f'ab is nearly constant (std {ab.std()}): the test would be vacuous'
    print(f'[loop] {n_frames} frames, split graphs vs the authors\' unsplit loop: max |ab| diff '
          f'{d_ab:.2e}, similarity {d_sim:.2e} (ab std {ab.std():.1f}; {time.time() - t0:.1f} s)')
    return ab_s


def check_conditioned_init(nets, ab32):
    """ab32: the float32 split loop's ab (check_split_loop)."""
    t0 = time.time()
    for key, net in da.build().items():
        want = [(k, tuple(v.shape)) for k, v in net.state_dict().items()]
        got = [(k, tuple(v.shape)) for k, v in nets[key].state_dict().items()]
        assert got == want, key
    assert torch.equal(nets['nonlocal'].phi.weight, nets['nonlocal'].theta.weight)
    frame_l, ref_lab = clip(1)
    n = {k: copy.deepcopy(v).double() for k, v in nets.items()}
    reference = export_devc.ReferenceGraph(n['vgg'], n['nonlocal']).eval()
    frame = export_devc.FrameGraph(n['vgg'], n['nonlocal'], n['color']).eval()
    ab64, _ = ref.split_loop(reference, frame, frame_l.double(), ref_lab.double(), da.TEST_TEMPERATURE)
    d = float(np.abs(ab32[0] - ab64[0]).max())
    assert d <= 1e-3, f'conditioned init: float32 vs float64 differ by {d} ab on frame 0'
    print(f'[init] conditioned init: authors\' layout, phi = theta, frame 0 float32 vs float64 max |ab| '
          f'{d:.2e} ({time.time() - t0:.1f} s)')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--keep', help='export into DIR and keep the files')
    args = p.parse_args()
    torch.set_num_threads(1)
    t0 = time.time()
    check_layouts()
    tmp = tempfile.mkdtemp(prefix='devc-export-')
    try:
        check_checkpoint_loading(tmp)
        out = args.keep or os.path.join(tmp, 'out')
        check_export(out)
        nets = conditioned_nets()
        check_conditioned_init(nets, check_split_loop(nets))
    finally:
        shutil.rmtree(tmp)
    print(f'OK ({time.time() - t0:.1f} s)')


if __name__ == '__main__':
    main()
