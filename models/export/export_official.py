#!/usr/bin/env python3
r"""Export Zhang et al.'s published colorizers (ECCV16, SIGGRAPH17) to ONNX plus a Colorize Video
manifest (format colorize-video-model/1).

  ECCV16:     L [N,1,256,256] raw L* 0..100  ->  logits [N,313,64,64] (conv8, before softmax)
              manifest: kind "logits", stride 4, temperature 0.38, bins = model_out.weight * 110
  SIGGRAPH17: L [N,1,256,256], ab_hint [N,2,256,256] raw ab, hint_mask [N,1,256,256]
              ->  ab [N,2,256,256] (tanh x 110); manifest: kind "ab", stride 1, hints filled with 0

Weights come from an official checkpoint (--checkpoint, loaded with strict=True) or, for tests, from
a seeded random initialisation (--random-init --seed N). --reference-out writes a PyTorch reference
(test input, graph outputs, the original forward, a NumPy decode) as .npz and as raw little-endian
float32 .bin files with a JSON index, for the Java/ONNX Runtime test.

Examples:
  python3 models/export/export_official.py --arch eccv16 \
      --checkpoint colorization_release_v2-9b330a0b.pth --out build/models --name eccv16
  python3 models/export/export_official.py --arch siggraph17 --random-init --seed 1 \
      --out build/tmp --name sig_rand --reference-out build/tmp/sig_rand_ref.npz
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checkpoints  # noqa: E402
import zhang_archs  # noqa: E402

FORMAT = 'colorize-video-model/1'
REFERENCE_FORMAT = 'colorize-video-reference/1'
SIZE = 256
DEFAULT_TEMPERATURE = 0.38
DECODE_TOLERANCE = 1e-3   # ab units, max abs, NumPy decode vs the original forward

DESCRIPTIONS = {
    'eccv16': 'Zhang, Isola & Efros, "Colorful Image Colorization", ECCV 2016: 313 ab-bin logits at '
              '1/4 resolution, decoded by the annealed mean',
    'siggraph17': 'Zhang, Zhu et al., "Real-Time User-Guided Image Colorization with Learned Deep '
                  'Priors", SIGGRAPH 2017: regression ab output (tanh x 110); user-hint inputs ab_hint '
                  '(raw ab, divided by 110 inside) and hint_mask (fed unchanged, as in the '
                  'authors\' forward) filled with zeros = automatic mode',
}


# ---------------------------------------------------------------------------------------- weights

def load_checkpoint(net, path):
    return checkpoints.load_checkpoint(net, path, ' (is it the right --arch?)')


def build_net(args):
    torch.manual_seed(args.seed)
    net = zhang_archs.ARCHS[args.arch]()
    if args.checkpoint:
        load_checkpoint(net, args.checkpoint)
        source = os.path.basename(args.checkpoint)
    else:
        zhang_archs.random_init_(net, args.seed)
        source = f'random init seed {args.seed}'
    return net.eval(), source


# ---------------------------------------------------------------------------- reference helpers

def test_L(batch=1):
    """A deterministic smooth synthetic L* field, [batch,1,256,256] float32, spanning exactly 0..100."""
    y, x = np.meshgrid(np.linspace(0, 1, SIZE), np.linspace(0, 1, SIZE), indexing='ij')
    f = (np.sin(2 * np.pi * (1.3 * x + 0.4 * y)) + 0.6 * np.cos(2 * np.pi * (2.1 * y - 0.7 * x))
         + 0.8 * np.exp(-((x - 0.35) ** 2 + (y - 0.6) ** 2) / 0.02) + 1.2 * x * y)
    L = 100.0 * (f - f.min()) / (f.max() - f.min())
    return np.repeat(L[None, None].astype(np.float32), batch, axis=0)


def softmax_np(z, temperature=1.0, axis=1):
    z = z.astype(np.float64) / temperature
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def decode_np(logits, bins, temperature=1.0):
    """logits [N,Q,h,w], bins [Q,2] (ab units) -> ab [N,2,h,w] = softmax(z/T) . bins (float64)."""
    return np.einsum('nqhw,qc->nchw', softmax_np(logits, temperature), np.asarray(bins, np.float64))


def _upsample_axis(x, factor, axis):
    n_in = x.shape[axis]
    src = (np.arange(n_in * factor) + 0.5) / factor - 0.5
    src = np.maximum(src, 0.0)                       # PyTorch clamps negative source coords to 0
    i0 = np.minimum(np.floor(src).astype(int), n_in - 1)
    i1 = np.minimum(i0 + 1, n_in - 1)
    w1 = src - i0
    shape = [1] * x.ndim
    shape[axis] = -1
    w1 = w1.reshape(shape)
    return np.take(x, i0, axis=axis) * (1 - w1) + np.take(x, i1, axis=axis) * w1


def upsample_bilinear_np(x, factor):
    """[N,C,h,w] -> [N,C,h*f,w*f], bilinear with align_corners=False (= nn.Upsample(scale_factor=f,
    mode='bilinear'))."""
    return _upsample_axis(_upsample_axis(x, factor, 2), factor, 3)


# ------------------------------------------------------------------------------------- export

def graph_io(arch):
    """(input names+shapes, output name+shape) of the exported graph; -1 = dynamic batch."""
    if arch == 'eccv16':
        return [('L', [-1, 1, SIZE, SIZE])], ('logits', [-1, 313, SIZE // 4, SIZE // 4])
    return ([('L', [-1, 1, SIZE, SIZE]), ('ab_hint', [-1, 2, SIZE, SIZE]),
             ('hint_mask', [-1, 1, SIZE, SIZE])], ('ab', [-1, 2, SIZE, SIZE]))


def wrapper_for(net, arch):
    return zhang_archs.ECCV16Logits(net) if arch == 'eccv16' else zhang_archs.SIGGRAPH17Hints(net)


def test_hints(batch=1):
    """Three hinted patches (a red 5x5, a blue 3x3, a green single pixel) in raw a*b*, and their mask."""
    ab = np.zeros((batch, 2, SIZE, SIZE), np.float32)
    mask = np.zeros((batch, 1, SIZE, SIZE), np.float32)
    for (y, x, s, a, b) in ((40, 60, 5, 60.0, 45.0), (180, 200, 3, 10.0, -60.0), (128, 20, 1, -50.0, 40.0)):
        ab[:, 0, y:y + s, x:x + s], ab[:, 1, y:y + s, x:x + s] = a, b
        mask[:, :, y:y + s, x:x + s] = 1.0
    return ab, mask


def feeds_for(arch, L):
    """Inputs of the exported graph for the test image: hints are zeros (the manifest's fill)."""
    feeds = [torch.from_numpy(L)]
    if arch == 'siggraph17':
        n = L.shape[0]
        feeds += [torch.zeros(n, 2, SIZE, SIZE), torch.zeros(n, 1, SIZE, SIZE)]
    return feeds


def export_onnx(wrapper, arch, path, opset):
    inputs, (out_name, _) = graph_io(arch)
    dummy = tuple(feeds_for(arch, test_L(1)))
    names = [n for n, _ in inputs]
    dynamic = {n: {0: 'N'} for n in names + [out_name]}
    with torch.no_grad():
        torch.onnx.export(wrapper, dummy, path, input_names=names, output_names=[out_name],
                          dynamic_axes=dynamic, opset_version=opset, do_constant_folding=True,
                          export_params=True)


def check_onnx(path, arch):
    import onnx
    model = onnx.load(path)
    onnx.checker.check_model(model)
    inputs, output = graph_io(arch)

    def shape_of(vi):
        t = vi.type.tensor_type
        assert t.elem_type == onnx.TensorProto.FLOAT, f'{vi.name}: not float32'
        return [d.dim_value if d.HasField('dim_value') else -1 for d in t.shape.dim]

    init_names = {i.name for i in model.graph.initializer}
    got_in = [(vi.name, shape_of(vi)) for vi in model.graph.input if vi.name not in init_names]
    got_out = [(vi.name, shape_of(vi)) for vi in model.graph.output]
    assert got_in == inputs, f'graph inputs {got_in} != {inputs}'
    assert got_out == [output], f'graph outputs {got_out} != {[output]}'
    consumed = {i for n in model.graph.node for i in n.input}
    dead = [n for n, _ in got_in if n not in consumed]
    assert not dead, f'graph inputs not used by any node: {dead}'
    return model


def manifest_for(arch, name, source, bins=None, temperature=DEFAULT_TEMPERATURE):
    inputs, (out_name, _) = graph_io(arch)
    m = {
        'format': FORMAT,
        'name': name,
        'description': f'{DESCRIPTIONS[arch]}; exported by models/export/export_official.py from '
                       f'{source}',
        'input': {'name': 'L', 'shape': inputs[0][1], 'lRange': [0.0, 100.0],
                  'size': {'policy': 'fixed', 'height': SIZE, 'width': SIZE}},
        'extraInputs': [{'name': n, 'shape': s, 'fill': 0.0} for n, s in inputs[1:]],
    }
    if arch == 'eccv16':
        m['output'] = {'name': out_name, 'kind': 'logits', 'stride': 4, 'temperature': temperature,
                       'bins': [[float(a), float(b)] for a, b in bins]}
    else:
        m['output'] = {'name': out_name, 'kind': 'ab', 'stride': 1}
        # user hints, as the authors' forward takes them: raw ab (divided by 110 inside), mask 1 on
        # hinted pixels and 0 elsewhere (the converted Caffe weights are mask_cent 0)
        m['hints'] = {'ab': 'ab_hint', 'mask': 'hint_mask', 'abScale': 1.0, 'maskOn': 1.0, 'maskOff': 0.0}
    return m


def manifest_json(m):
    """Indented JSON with one [a, b] pair per line for the bins (keeps the file readable)."""
    if 'bins' not in m['output']:
        return json.dumps(m, indent=2) + '\n'
    placeholder = '"@@BINS@@"'
    slim = json.loads(json.dumps(m))
    slim['output']['bins'] = '@@BINS@@'
    rows = ',\n'.join(f'      {json.dumps(ab)}' for ab in m['output']['bins'])
    return json.dumps(slim, indent=2).replace(placeholder, '[\n' + rows + '\n    ]') + '\n'


def try_onnx_reference(path, arch, L, expected):
    """Run the ONNX file with onnx.reference (onnx >= 1.13) if available; returns max abs diff or
    None when the module is missing (onnx 1.12 has none: ONNX Runtime in the Java test covers it)."""
    try:
        from onnx.reference import ReferenceEvaluator
    except ImportError:
        return None
    inputs, _ = graph_io(arch)
    feeds = {n: t.numpy() for (n, _), t in zip(inputs, feeds_for(arch, L))}
    got = ReferenceEvaluator(path).run(None, feeds)[0]
    return float(np.abs(got - expected).max())


# ---------------------------------------------------------------------------------- reference

def write_reference(npz_path, arch, net, wrapper, manifest, onnx_name, manifest_name):
    L = test_L(1)
    with torch.no_grad():
        raw = wrapper(*feeds_for(arch, L)).numpy().astype(np.float32)    # exported graph's output
        original = net(torch.from_numpy(L)).numpy().astype(np.float32)   # authors' forward, no hints
    out_name = manifest['output']['name']
    arrays = {'L': L, out_name: raw, 'ab_original': original}
    checks = {}
    if arch == 'eccv16':
        bins = np.asarray(manifest['output']['bins'], np.float64)        # as the Java side reads them
        T = manifest['output']['temperature']
        ab64_t1 = decode_np(raw, bins, 1.0)
        decoded = upsample_bilinear_np(ab64_t1, 4)
        diff = float(np.abs(decoded - original).max())
        arrays.update({'bins': bins.astype(np.float32),
                       'ab_decoded_T1': decoded.astype(np.float32),
                       'ab64_T1': ab64_t1.astype(np.float32),
                       'ab64_annealed': decode_np(raw, bins, T).astype(np.float32)})
        checks['maxAbsDiff_decodedT1_vs_originalForward'] = diff
        print(f'[{arch}] max |NumPy decode (T=1, bins from manifest) - original forward| = '
              f'{diff:.3e} ab units')
        assert diff <= DECODE_TOLERANCE, f'decode mismatch {diff} > {DECODE_TOLERANCE}'
    else:
        # with user hints: three patches of known a*b* (the authors' forward with input_B and mask_B)
        hint_ab, hint_mask = test_hints(L.shape[0])
        with torch.no_grad():
            hinted = net(torch.from_numpy(L), torch.from_numpy(hint_ab), torch.from_numpy(hint_mask))
        arrays.update({'hint_ab': hint_ab, 'hint_mask': hint_mask, 'ab_hinted': hinted.numpy().astype(np.float32)})
        diff = float(np.abs(raw - original).max())
        checks['maxAbsDiff_wrapperZeroHints_vs_originalForwardNoHints'] = diff
        print(f'[{arch}] max |export wrapper (zero hints) - original forward (hints None)| = '
              f'{diff:.3e} ab units')
        assert diff <= DECODE_TOLERANCE, f'wrapper mismatch {diff} > {DECODE_TOLERANCE}'

    os.makedirs(os.path.dirname(os.path.abspath(npz_path)), exist_ok=True)
    np.savez_compressed(npz_path, **arrays)

    base = npz_path[:-4] if npz_path.endswith('.npz') else npz_path
    stem = os.path.basename(base)
    index = {}
    roles = {'L': 'graph input L (raw L*, 0..100)',
             out_name: f'graph output {out_name} (PyTorch run of the export wrapper)',
             'ab_original': 'ab [N,2,256,256] of the authors\' forward (ECCV16: T=1 expectation; '
                            'SIGGRAPH17: no hints)',
             'ab64_annealed': 'softmax(logits/T).bins at 64x64 with the manifest temperature',
             'ab64_T1': 'softmax(logits).bins at 64x64',
             'ab_decoded_T1': 'ab64_T1 upsampled 4x bilinear (align_corners=False)',
             'bins': 'bin centres [313,2] in logit-channel order (ab units)',
             'hint_ab': 'test hints: raw a*b* [N,2,256,256], 0 outside the hinted patches',
             'hint_mask': 'test hints: mask [N,1,256,256], 1 on hinted pixels',
             'ab_hinted': 'ab of the authors\' forward with hint_ab and hint_mask'}
    for key in [k for k in ('L', out_name, 'ab_original', 'ab64_annealed', 'hint_ab', 'hint_mask', 'ab_hinted')
                if k in arrays]:
        fname = f'{stem}.{key}.bin'
        arrays[key].astype('<f4').tofile(os.path.join(os.path.dirname(os.path.abspath(base)), fname))
        index[key] = {'file': fname, 'shape': list(arrays[key].shape), 'role': roles[key]}
    inputs, _ = graph_io(arch)
    desc = {
        'format': REFERENCE_FORMAT,
        'arch': arch,
        'model': onnx_name,
        'manifest': manifest_name,
        'dtype': 'float32', 'byteOrder': 'little', 'layout': 'row-major (C order), NCHW',
        'feeds': {n: ({'array': 'L'} if n == 'L' else {'fill': 0.0}) for n, _ in inputs},
        'output': out_name,
        'temperature': manifest['output'].get('temperature'),
        'arrays': index,
        'npz': os.path.basename(npz_path),
        'checks': checks,
        'torch': torch.__version__,
    }
    with open(base + '.arrays.json', 'w') as f:
        json.dump(desc, f, indent=2)
    return raw, L


# ---------------------------------------------------------------------------------------- main

def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--arch', required=True, choices=sorted(zhang_archs.ARCHS))
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument('--checkpoint', help='official .pth (colorization_release_v2-9b330a0b.pth or '
                                          'siggraph17-df00044c.pth)')
    src.add_argument('--random-init', action='store_true', help='seeded random weights (tests)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', required=True, help='output directory')
    p.add_argument('--name', help='model name: writes NAME.onnx and NAME.json (default: --arch)')
    p.add_argument('--opset', type=int, default=13)
    p.add_argument('--temperature', type=float, default=DEFAULT_TEMPERATURE,
                   help='ECCV16 annealed-mean temperature written to the manifest')
    p.add_argument('--reference-out', help='FILE.npz: also write the PyTorch reference')
    p.add_argument('--threads', type=int, default=1)
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    name = args.name or args.arch
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, name + '.onnx')
    manifest_path = os.path.join(args.out, name + '.json')
    t0 = time.time()

    net, source = build_net(args)
    wrapper = wrapper_for(net, args.arch).eval()
    bins = net.bins().double().numpy() if args.arch == 'eccv16' else None
    manifest = manifest_for(args.arch, name, source, bins, args.temperature)

    export_onnx(wrapper, args.arch, onnx_path, args.opset)
    check_onnx(onnx_path, args.arch)
    with open(manifest_path, 'w') as f:
        f.write(manifest_json(manifest))
    print(f'[{args.arch}] wrote {onnx_path} ({os.path.getsize(onnx_path) / 2**20:.1f} MiB) and '
          f'{manifest_path} from {source} in {time.time() - t0:.1f} s')

    if args.reference_out:
        raw, L = write_reference(args.reference_out, args.arch, net, wrapper, manifest,
                                 os.path.basename(onnx_path), os.path.basename(manifest_path))
        d = try_onnx_reference(onnx_path, args.arch, L, raw)
        if d is None:
            print(f'[{args.arch}] onnx.reference not available (onnx {__import__("onnx").__version__}); '
                  'the ONNX file itself is checked by the Java/ONNX Runtime test')
        else:
            print(f'[{args.arch}] max |onnx.reference - torch wrapper| = {d:.3e}')
            assert d <= DECODE_TOLERANCE, f'ONNX graph mismatch {d}'
        print(f'[{args.arch}] reference written next to {args.reference_out} '
              f'({time.time() - t0:.1f} s total)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
