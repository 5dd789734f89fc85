#!/usr/bin/env python3
"""Checks for export_official.py / zhang_archs.py. Plain script, exits non-zero on failure:

    /usr/bin/python3 models/export/test_export_official.py [--keep DIR]

1. The module layouts against the official state_dict layouts (key names and shapes, written out
   here by hand, independently of zhang_archs.py), and strict checkpoint loading.
2. Both architectures exported with --random-init into a temporary directory (or --keep DIR):
   manifest fields, ONNX graph inputs/outputs, reference files, and an independent re-decode of the
   ECCV16 logits (softmax . bins, then torch's own bilinear upsampling) against the authors' forward
   within 1e-3 ab units.
The ONNX files (~125-130 MiB each) are never written into the source tree.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import zhang_archs  # noqa: E402
import export_official  # noqa: E402

torch.set_num_threads(1)
TOL = 1e-3


# ------------------------------------------------------------ the official layouts, by hand

def _bn(prefix, c):
    return {f'{prefix}.weight': [c], f'{prefix}.bias': [c], f'{prefix}.running_mean': [c],
            f'{prefix}.running_var': [c], f'{prefix}.num_batches_tracked': []}


def _conv(prefix, cout, cin, k, bias=True):
    d = {f'{prefix}.weight': [cout, cin, k, k]}
    if bias:
        d[f'{prefix}.bias'] = [cout]
    return d


def _convT(prefix, cin, cout, k):      # ConvTranspose2d weights are [in, out, k, k]
    return {f'{prefix}.weight': [cin, cout, k, k], f'{prefix}.bias': [cout]}


def _block(name, chans, first=0):
    """conv/ReLU pairs starting at index `first` (1 when the block opens with a ReLU), BN last."""
    d, i = {}, first
    for cin, cout in zip(chans[:-1], chans[1:]):
        d.update(_conv(f'{name}.{i}', cout, cin, 3))
        i += 2
    d.update(_bn(f'{name}.{i}', chans[-1]))
    return d


def expected_eccv16():
    d = {}
    d.update(_block('model1', [1, 64, 64]))
    d.update(_block('model2', [64, 128, 128]))
    d.update(_block('model3', [128, 256, 256, 256]))
    d.update(_block('model4', [256, 512, 512, 512]))
    for m in ('model5', 'model6', 'model7'):
        d.update(_block(m, [512, 512, 512, 512]))
    d.update(_convT('model8.0', 512, 256, 4))
    d.update(_conv('model8.2', 256, 256, 3))
    d.update(_conv('model8.4', 256, 256, 3))
    d.update(_conv('model8.6', 313, 256, 1))
    d.update(_conv('model_out', 2, 313, 1, bias=False))
    return d


def expected_siggraph17():
    d = {}
    d.update(_block('model1', [4, 64, 64]))
    d.update(_block('model2', [64, 128, 128]))
    d.update(_block('model3', [128, 256, 256, 256]))
    d.update(_block('model4', [256, 512, 512, 512]))
    for m in ('model5', 'model6', 'model7'):
        d.update(_block(m, [512, 512, 512, 512]))
    d.update(_convT('model8up.0', 512, 256, 4))
    d.update(_conv('model3short8.0', 256, 256, 3))
    d.update(_block('model8', [256, 256, 256], first=1))
    d.update(_convT('model9up.0', 256, 128, 4))
    d.update(_conv('model2short9.0', 128, 128, 3))
    d.update(_block('model9', [128, 128], first=1))
    d.update(_convT('model10up.0', 128, 128, 4))
    d.update(_conv('model1short10.0', 128, 64, 3))
    d.update(_conv('model10.1', 128, 128, 3))
    d.update(_conv('model_class.0', 529, 256, 1))
    d.update(_conv('model_out.0', 2, 128, 1))
    return d


# Spot checks, exactly as the released checkpoints hold them.
SPOT = {
    'eccv16': {'model1.0.weight': [64, 1, 3, 3], 'model1.4.running_var': [64],
               'model5.0.weight': [512, 512, 3, 3], 'model8.0.weight': [512, 256, 4, 4],
               'model8.6.weight': [313, 256, 1, 1], 'model8.6.bias': [313],
               'model_out.weight': [2, 313, 1, 1]},
    'siggraph17': {'model1.0.weight': [64, 4, 3, 3], 'model8up.0.weight': [512, 256, 4, 4],
                   'model8.1.weight': [256, 256, 3, 3], 'model8.5.running_mean': [256],
                   'model9.3.weight': [128], 'model10.1.weight': [128, 128, 3, 3],
                   'model1short10.0.weight': [128, 64, 3, 3],
                   'model_class.0.weight': [529, 256, 1, 1], 'model_out.0.weight': [2, 128, 1, 1],
                   'model_out.0.bias': [2]},
}
EXPECTED = {'eccv16': expected_eccv16, 'siggraph17': expected_siggraph17}


def check_layout(arch):
    sd = zhang_archs.ARCHS[arch]().state_dict()
    got = {k: list(v.shape) for k, v in sd.items()}
    exp = EXPECTED[arch]()
    missing, extra = sorted(set(exp) - set(got)), sorted(set(got) - set(exp))
    assert not missing and not extra, f'{arch}: missing {missing}, unexpected {extra}'
    wrong = {k: (got[k], exp[k]) for k in exp if got[k] != exp[k]}
    assert not wrong, f'{arch}: shape mismatches {wrong}'
    for k, s in SPOT[arch].items():
        assert got[k] == s, f'{arch}: {k} {got[k]} != {s}'
    n = sum(v.numel() for k, v in sd.items() if not k.endswith('num_batches_tracked'))
    print(f'  {arch}: {len(got)} state_dict entries, {n:,} numbers, layout OK')


def check_checkpoint_loading(tmp):
    """A state_dict saved to .pth loads strictly; a wrong-architecture one is refused."""
    src = zhang_archs.random_init_(zhang_archs.ECCV16(), 7)
    path = os.path.join(tmp, 'fake_eccv16.pth')
    torch.save(src.state_dict(), path)
    net = export_official.load_checkpoint(zhang_archs.ECCV16(), path)
    for k, v in src.state_dict().items():
        assert torch.equal(v, net.state_dict()[k]), k
    assert torch.allclose(net.bins(), src.model_out.weight[:, :, 0, 0].t() * 110)
    try:
        export_official.load_checkpoint(zhang_archs.SIGGRAPH17(), path)
    except SystemExit as e:
        assert 'does not match' in str(e)
    else:
        raise AssertionError('an ECCV16 checkpoint loaded into SIGGRAPH17')
    os.remove(path)
    print('  strict checkpoint loading OK (and a wrong-arch checkpoint is refused)')


def check_hints_are_live():
    """Non-zero hints change the SIGGRAPH17 output (the hint inputs are not baked in)."""
    net = zhang_archs.random_init_(zhang_archs.SIGGRAPH17(), 3).eval()
    L = torch.from_numpy(export_official.test_L(1))
    hint = torch.zeros(1, 2, 256, 256)
    mask = torch.zeros(1, 1, 256, 256)
    hint[:, 0, 100:110, 100:110], hint[:, 1, 100:110, 100:110] = 60.0, -40.0
    mask[:, :, 100:110, 100:110] = 1.0
    with torch.no_grad():
        a0, a1 = net(L), net(L, hint, mask)
    assert float((a1 - a0).abs().max()) > 1e-2, 'hints have no effect'
    print('  SIGGRAPH17 hint inputs affect the output')


# ------------------------------------------------------------------------------- exports

def run_export(arch, seed, out):
    name = f'{arch}_rand'
    ref = os.path.join(out, f'{name}_ref.npz')
    cmd = [sys.executable, os.path.join(HERE, 'export_official.py'), '--arch', arch,
           '--random-init', '--seed', str(seed), '--out', out, '--name', name,
           '--reference-out', ref]
    env = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')
    t0 = time.time()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    sys.stdout.write(''.join('    | ' + line + '\n' for line in r.stdout.splitlines()))
    assert r.returncode == 0, f'export failed ({r.returncode}):\n{r.stderr[-3000:]}'
    print(f'  {arch} export + reference: {time.time() - t0:.1f} s')
    return name, ref


def read_bin(path, shape):
    a = np.fromfile(path, dtype='<f4')
    assert a.size == int(np.prod(shape)), f'{path}: {a.size} floats, expected shape {shape}'
    return a.reshape(shape)


def check_onnx_file(path, arch):
    import onnx
    m = onnx.load(path)
    onnx.checker.check_model(m)
    assert any(o.domain in ('', 'ai.onnx') and 13 <= o.version <= 17 for o in m.opset_import)

    def io(vis):
        out = []
        for vi in vis:
            t = vi.type.tensor_type
            assert t.elem_type == onnx.TensorProto.FLOAT, vi.name
            dims = [d.dim_value if d.HasField('dim_value') else d.dim_param for d in t.shape.dim]
            out.append((vi.name, dims))
        return out

    inits = {i.name for i in m.graph.initializer}
    ins = io([vi for vi in m.graph.input if vi.name not in inits])
    outs = io(m.graph.output)
    for _, dims in ins + outs:
        assert isinstance(dims[0], str) and all(isinstance(d, int) for d in dims[1:]), dims
    fixed = lambda lst: [(n, d[1:]) for n, d in lst]   # noqa: E731
    if arch == 'eccv16':
        assert fixed(ins) == [('L', [1, 256, 256])], ins
        assert fixed(outs) == [('logits', [313, 64, 64])], outs
    else:
        assert fixed(ins) == [('L', [1, 256, 256]), ('ab_hint', [2, 256, 256]),
                              ('hint_mask', [1, 256, 256])], ins
        assert fixed(outs) == [('ab', [2, 256, 256])], outs


def check_manifest(path, arch, name, seed):
    with open(path) as f:
        m = json.load(f)
    assert m['format'] == 'colorize-video-model/1'
    assert m['name'] == name
    assert f'random init seed {seed}' in m['description'] and 'export_official.py' in m['description']
    assert m['input'] == {'name': 'L', 'shape': [-1, 1, 256, 256], 'lRange': [0.0, 100.0],
                          'size': {'policy': 'fixed', 'height': 256, 'width': 256}}, m['input']
    if arch == 'eccv16':
        assert m['extraInputs'] == []
        o = m['output']
        assert set(o) == {'name', 'kind', 'stride', 'temperature', 'bins'}, set(o)
        assert (o['name'], o['kind'], o['stride'], o['temperature']) == ('logits', 'logits', 4, 0.38)
        bins = np.asarray(o['bins'], np.float64)
        assert bins.shape == (313, 2), bins.shape
        # bins in logit-channel order = the seeded network's model_out weights x 110
        net = zhang_archs.random_init_(zhang_archs.ECCV16(), seed)
        w = net.model_out.weight.detach().double()[:, :, 0, 0].t().numpy() * 110
        assert np.abs(bins - w).max() < 1e-4
        return m, bins
    assert m['extraInputs'] == [{'name': 'ab_hint', 'shape': [-1, 2, 256, 256], 'fill': 0.0},
                                {'name': 'hint_mask', 'shape': [-1, 1, 256, 256], 'fill': 0.0}]
    assert m['output'] == {'name': 'ab', 'kind': 'ab', 'stride': 1}, m['output']
    return m, None


def check_reference(out, ref_npz, arch, bins):
    base = ref_npz[:-4]
    with open(base + '.arrays.json') as f:
        desc = json.load(f)
    assert desc['dtype'] == 'float32' and desc['byteOrder'] == 'little'
    assert os.path.exists(os.path.join(out, desc['model']))
    arrays = {k: read_bin(os.path.join(out, v['file']), v['shape']) for k, v in desc['arrays'].items()}
    npz = np.load(ref_npz)
    for k, a in arrays.items():
        assert np.array_equal(a, npz[k]), k
    L = arrays['L']
    assert L.shape == (1, 1, 256, 256) and L.min() == 0.0 and L.max() == 100.0
    ab_orig = arrays['ab_original']
    assert ab_orig.shape == (1, 2, 256, 256) and float(ab_orig.std()) > 0.5, 'degenerate output'
    if arch == 'eccv16':
        assert set(desc['feeds']) == {'L'}
        z = torch.from_numpy(arrays['logits']).double()
        assert tuple(z.shape) == (1, 313, 64, 64)
        b = torch.from_numpy(bins)
        ab64 = torch.einsum('nqhw,qc->nchw', torch.softmax(z, 1), b)
        ab = F.interpolate(ab64, scale_factor=4, mode='bilinear', align_corners=False)
        d = float((ab - torch.from_numpy(ab_orig).double()).abs().max())
        print(f'  eccv16: independent decode (T=1) vs the authors\' forward: max abs {d:.3e} ab')
        assert d <= TOL, d
        ann = torch.einsum('nqhw,qc->nchw', torch.softmax(z / 0.38, 1), b)
        d2 = float((ann - torch.from_numpy(arrays['ab64_annealed']).double()).abs().max())
        assert d2 <= TOL, d2
        assert float(ann.std()) > float(ab64.std()), 'annealing should sharpen the colours'
        return d
    assert set(desc['feeds']) == {'L', 'ab_hint', 'hint_mask'}
    assert desc['feeds']['ab_hint'] == {'fill': 0.0} and desc['feeds']['hint_mask'] == {'fill': 0.0}
    d = float(np.abs(arrays['ab'] - ab_orig).max())
    print(f'  siggraph17: export wrapper (zero hints) vs the authors\' forward: max abs {d:.3e} ab')
    assert d <= TOL, d
    assert np.abs(arrays['ab']).max() < 110.0
    return d


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--keep', help='export into this directory and keep the files')
    args = p.parse_args()
    t0 = time.time()
    print('layouts:')
    for arch in ('eccv16', 'siggraph17'):
        check_layout(arch)
    with tempfile.TemporaryDirectory(prefix='cv-export-test-') as tmp:
        out = args.keep or tmp
        os.makedirs(out, exist_ok=True)
        check_checkpoint_loading(tmp)
        check_hints_are_live()
        print('exports:')
        for arch, seed in (('eccv16', 11), ('siggraph17', 12)):
            name, ref = run_export(arch, seed, out)
            check_onnx_file(os.path.join(out, name + '.onnx'), arch)
            _, bins = check_manifest(os.path.join(out, name + '.json'), arch, name, seed)
            check_reference(out, ref, arch, bins)
    print(f'OK ({time.time() - t0:.1f} s)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
