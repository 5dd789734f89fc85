#!/usr/bin/python3
"""Export a trained exemplar checkpoint (train_exemplar.py) to the plugin's exemplar contract,
colorize-video-exemplar/1: NAME.json, NAME_reference.onnx and NAME_frame.onnx, the same graph
inputs and outputs as the DEVC export (models/export/export_devc.py; see the DEVC section of
models/export/README.md) with 64 feature channels instead of 256:

  NAME_reference.onnx  ref_lab [1,3,216,384] -> ref_features [1,64,5184], ref_ab [1,2,54,96]
  NAME_frame.onnx      L [1,1,216,384], ref_features, ref_ab, prev_lab [1,3,216,384], temperature [1]
                       -> ab [1,2,216,384], similarity [1,1,216,384]
                          and, for gated checkpoints (exemplar-v7 on), ab_net [1,2,216,384], gate [1,1,216,384]

The Java side (DevcLoop) does what it does for DEVC: CenterPad to 432x768, Lab, x0.5, the recurrence
(prev_lab = the previous frame's L and predicted ab, zeros after each keyframe) and the way back to
the frame's size and L*; for models trained with the previous output moved by optical flow
(exemplar-v2 on; --previous-warp) the manifest says so ("previousWarp") and DevcLoop does the same
warp. A gated net's frame graph also returns the colorization net's own ab_net and the gate's weight g
(ab = ab_net + g x (previous ab - ab_net)); the manifest's "frameCopy" (the flow method) then tells
DevcLoop to redo that copy at the frame's own size, with the previous output kept at the frame's size
and moved by that flow, so what the copy carries keeps its full resolution (--frame-copy none: the
older two-output graph); --frame-copy-trust T ("frameCopyTrust") makes that copy trust the previous output
more than the gate trained on the blurrier 216x384 copy does (g -> 1 - (1 - g)^T), and
--frame-copy-unmatched-trust U ("frameCopyUnmatchedTrust") uses U instead where the frame-size flow fails its
forward-backward check (occlusions; 0: no copy there). Checks: onnx.checker,
the declared inputs/outputs, and ONNX Runtime (when installed) against PyTorch on a random feed.

  /usr/bin/python3 models/training/export_exemplar.py --checkpoint build/exemplar/exemplar-v2.pt --out models
"""
import argparse, json, os, sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'export'))
import exemplar_net as en  # noqa: E402
import export_devc as ed  # noqa: E402

H, W, FH, FW = 216, 384, 54, 96
C = en.FEATURE_CHANNELS
TEMPERATURE = en.TRAIN_TEMPERATURE
REFERENCE_IO = ([('ref_lab', [1, 3, H, W])], [('ref_features', [1, C, FH * FW]), ('ref_ab', [1, 2, FH, FW])])
FRAME_IO = ([('L', [1, 1, H, W]), ('ref_features', [1, C, FH * FW]), ('ref_ab', [1, 2, FH, FW]),
             ('prev_lab', [1, 3, H, W]), ('temperature', [1])],
            [('ab', [1, 2, H, W]), ('similarity', [1, 1, H, W])])
COPY_OUTPUTS = [('ab_net', [1, 2, H, W]), ('gate', [1, 1, H, W])]


class ReferenceGraph(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, ref_lab):
        return self.net.reference(ref_lab)


class FrameGraph(nn.Module):
    def __init__(self, net, copy_outputs=False):
        super().__init__()
        self.net = net
        self.copy_outputs = copy_outputs

    def forward(self, L, ref_features, ref_ab, prev_lab, temperature):
        ab, similarity, _, ab_net, g = self.net.frame_and_gate(L, ref_features, ref_ab, prev_lab, temperature)
        return (ab, similarity, ab_net, g) if self.copy_outputs else (ab, similarity)


def manifest(name, checkpoint, step, previous_warp, gated=False, frame_copy=None, frame_io=FRAME_IO, frame_copy_trust=1.0,
             unmatched_trust=None):
    def io(spec):
        return [{'name': n, 'type': 'float32', 'shape': s} for n, s in spec]
    return {
        'format': ed.FORMAT,
        'name': name,
        'description': name + ': our own exemplar-based video colorizer in the layout of Deep Exemplar-based '
                       'Video Colorization (Zhang et al. 2019), trained on CPU without VGG19 '
                       '(models/training/exemplar_net.py, train_exemplar.py; card: models/' + name + '.md)',
        'weights': {'checkpoint': os.path.basename(checkpoint), 'step': step},
        'size': [H, W],
        'featureSize': [FH, FW],
        'lab': {'l_offset': 50.0, 'ab_scale': 1.0, 'note': 'graphs take and return L* - 50 and raw ab'},
        'preprocess': {'padSize': [2 * H, 2 * W], 'fit': 'stretch',
                       'note': 'each axis scaled to 432x768 on its own (nothing cropped), then x0.5 (2x2 mean)'},
        'temperature': TEMPERATURE,
        'recurrent': True,
        'firstPrevious': {'prev_lab': 'zeros', 'note': 'zeros in the centred space: L* 50, ab 0'},
        'previous': 'cat(L of the frame, predicted ab) of the previous frame, at 216x384'
                    + (', moved onto the frame by optical flow (previousWarp)' if previous_warp else ''),
        'reference': {'file': f'{name}_reference.onnx', 'inputs': io(REFERENCE_IO[0]),
                      'outputs': io(REFERENCE_IO[1]), 'runs': 'once per reference / keyframe'},
        'frame': {'file': f'{name}_frame.onnx', 'inputs': io(frame_io[0]), 'outputs': io(frame_io[1]),
                  'runs': 'once per frame', 'feeds': {'temperature': [TEMPERATURE]}},
        'output': {'ab': 'tanh x 128, computed at 108x192 and upsampled bilinearly to 216x384'
                         + ('; then ab + g x (previous ab - ab), g in 0..1 predicted per position (the gated copy of '
                            'the moved previous output, exemplar_net.GatedCopy)' if gated else ''),
                   **({'ab_net': "the colorization net's own ab before the copy", 'gate': 'g'} if frame_copy else {})},
    } | ({'previousWarp': previous_warp} if previous_warp else {}) | ({'frameCopy': frame_copy} if frame_copy else {}) \
      | ({'frameCopyTrust': frame_copy_trust} if frame_copy and frame_copy_trust != 1 else {}) \
      | ({'frameCopyUnmatchedTrust': unmatched_trust} if frame_copy and unmatched_trust is not None else {})


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--checkpoint', required=True)
    p.add_argument('--out', required=True)
    p.add_argument('--name', default='exemplar-v7')
    p.add_argument('--previous-warp', default='dis-medium',
                   help="flow method that moves the previous output before it is fed back, as in training; 'none' for "
                        'checkpoints trained without it (exemplar-v1)')
    p.add_argument('--frame-copy', default='dis-fine',
                   help="gated checkpoints: flow method with which the plugin redoes the gated copy at the frame's size "
                        "(the frame graph then also returns ab_net and gate; dis-fine: +0.09 dB DAVIS over dis-medium "
                        "for exemplar-v10, session 9); 'none' for the two-output frame graph")
    p.add_argument('--frame-copy-trust', type=float, default=1.0,
                   help="the plugin's frame-size copy uses 1 - (1 - g)^TRUST for the gate's weight g (manifest "
                        '"frameCopyTrust"; 1: the gate as trained, on the coarser 216x384 copy)')
    p.add_argument('--frame-copy-unmatched-trust', type=float, default=None,
                   help='the exponent used instead of TRUST where the frame-size flow fails its forward-backward check '
                        '(manifest "frameCopyUnmatchedTrust"; 0: the net alone there; default: no check)')
    p.add_argument('--opset', type=int, default=13)
    a = p.parse_args(argv)
    en.MATMUL = True
    state = torch.load(a.checkpoint)
    gated = en.is_gated(state['net'])
    net = en.ExemplarNet(gated=gated)
    net.load_state_dict(state['net'])
    net.eval()
    os.makedirs(a.out, exist_ok=True)
    frame_copy = None if a.frame_copy == 'none' or not gated else a.frame_copy
    frame_io = (FRAME_IO[0], FRAME_IO[1] + COPY_OUTPUTS) if frame_copy else FRAME_IO
    ref_graph, frame_graph = ReferenceGraph(net).eval(), FrameGraph(net, frame_copy is not None).eval()
    g = torch.Generator().manual_seed(0)
    ref_lab = torch.cat((torch.rand(1, 1, H, W, generator=g) * 100 - 50, torch.randn(1, 2, H, W, generator=g) * 30), 1)
    with torch.no_grad():
        feats, ref_ab = ref_graph(ref_lab)
    L = torch.rand(1, 1, H, W, generator=g) * 100 - 50
    prev = torch.cat((L, torch.randn(1, 2, H, W, generator=g) * 20), 1)
    frame_feeds = [L, feats, ref_ab, prev, torch.tensor([TEMPERATURE])]
    paths = {}
    for key, module, feeds, io in (('reference', ref_graph, [ref_lab], REFERENCE_IO),
                                   ('frame', frame_graph, frame_feeds, frame_io)):
        paths[key] = os.path.join(a.out, f'{a.name}_{key}.onnx')
        ed.export(module, feeds, io, paths[key], a.opset)
        ops = ed.check_onnx(paths[key], io)
        print(f'{os.path.basename(paths[key])}: {os.path.getsize(paths[key]) / 2**20:.2f} MiB, ops {" ".join(ops)}')
    with open(os.path.join(a.out, a.name + '.json'), 'w') as f:
        json.dump(manifest(a.name, a.checkpoint, state.get('step'), None if a.previous_warp == 'none' else a.previous_warp,
                           gated, frame_copy, frame_io, a.frame_copy_trust,
                           a.frame_copy_unmatched_trust), f, indent=2)
        f.write('\n')
    try:
        import onnxruntime as ort
    except ImportError:
        print('onnxruntime not installed: ONNX Runtime vs PyTorch not checked here (the Java tests do it)')
        return 0
    with torch.no_grad():
        expected = frame_graph(*frame_feeds)
    sess = ort.InferenceSession(paths['frame'])
    out = sess.run(None, {n: t.numpy() for (n, _), t in zip(FRAME_IO[0], frame_feeds)})
    print('ONNX Runtime vs PyTorch: max ' + ', '.join(f'|{n}| {abs(o - e.numpy()).max():.2e}'
                                                      for (n, _), o, e in zip(frame_io[1], out, expected)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
