#!/usr/bin/python3
"""Exports a hint-model checkpoint (train_hints.py) as models/NAME.onnx + NAME.json: the plugin's model
contract with the SIGGRAPH17 hint inputs declared ("hints": ab_hint raw a*b*, hint_mask 0/1), so that
our hint model and an official SIGGRAPH17 export are interchangeable in Colorize Keyframe.

  /usr/bin/python3 models/training/export_hints.py build/hints/checkpoint.pt --name compact-hints-v1 --out models
  /usr/bin/python3 models/training/export_hints.py --untrained --name hints-untrained --out build/models
"""
import argparse, json, os, sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hint_net import CompactHintNet, from_base_model  # noqa: E402
import hint_adapter  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('checkpoint', nargs='?')
    ap.add_argument('--untrained', action='store_true', help='the base model with zero hint weights (a check)')
    ap.add_argument('--name', default='compact-hints-v1')
    ap.add_argument('--out', default='models')
    ap.add_argument('--temperature', type=float, default=0.6,
                    help="the manifest's annealed-mean temperature (compact-hints-v1: 0.6, chosen on the tuning clips)")
    ap.add_argument('--short-side', type=int, default=224,
                    help="the manifest's input short side (the base model's manifest may run it at another)")
    a = ap.parse_args()
    ck = None if a.untrained else torch.load(a.checkpoint, map_location='cpu')
    # the automatic model it was made from (train_hints.py --base; checkpoints before it: compact-lab-v1)
    base_onnx = (ck or {}).get('args', {}).get('base') or os.path.join(ROOT, 'models', 'compact-lab-v1.onnx')
    base = json.load(open(base_onnx[:-len('.onnx')] + '.json'))
    base_name = base['name']
    bins = base['output']['bins']
    adapter = (ck or {}).get('args', {}).get('adapter')
    if a.untrained:
        net, step, minutes = from_base_model(base_onnx), 0, 0.0
    elif adapter:   # hint_adapter.CompactHintAdapter: the checkpoint holds all but the frozen base
        net, _ = hint_adapter.from_models(base_onnx)
        net.load_own_state(ck.get('ema', ck['model']))
        step, minutes = ck['step'], ck['seconds'] / 60
    else:
        net = CompactHintNet(len(bins))
        net.load_state_dict(ck.get('ema', ck['model']))
        step, minutes = ck['step'], ck['seconds'] / 60
    net.eval()
    os.makedirs(a.out, exist_ok=True)
    onnx_path = os.path.join(a.out, a.name + '.onnx')
    z = torch.zeros
    torch.onnx.export(net, (z(1, 1, 224, 400), z(1, 2, 224, 400), z(1, 1, 224, 400)), onnx_path,
                      input_names=['L', 'ab_hint', 'hint_mask'], output_names=['logits'], opset_version=13,
                      do_constant_folding=True,
                      dynamic_axes={'L': {0: 'N', 2: 'H', 3: 'W'}, 'ab_hint': {0: 'N', 2: 'H', 3: 'W'},
                                    'hint_mask': {0: 'N', 2: 'H', 3: 'W'}, 'logits': {0: 'N', 2: 'h', 3: 'w'}})
    manifest = {
        'format': 'colorize-video-model/1',
        'name': a.name,
        'description': (f'{base_name} with a trained hint adapter (models/training/hint_adapter.py: '
                        f'{base_name} frozen, so without hints it is {base_name}; train_hints.py --adapter; '
                        if adapter else f'{base_name} taught to take colour hints (models/training/hint_net.py, '
                        f'train_hints.py; ') + f'{step} steps, {minutes:.0f} min on CPU; card compact-hints.md)',
        # the base's network, decoded this model's way: its own input size and temperature, no chroma gain
        'input': {**base['input'], 'size': {**base['input']['size'], 'shortSide': a.short_side}},
        'extraInputs': [{'name': 'ab_hint', 'shape': [-1, 2, -1, -1], 'fill': 0.0},
                        {'name': 'hint_mask', 'shape': [-1, 1, -1, -1], 'fill': 0.0}],
        'output': {**{k: v for k, v in base['output'].items() if k != 'chromaGain'}, 'temperature': a.temperature},
        'hints': {'ab': 'ab_hint', 'mask': 'hint_mask', 'abScale': 1.0, 'maskOn': 1.0, 'maskOff': 0.0},
    }
    with open(os.path.join(a.out, a.name + '.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    print('wrote', onnx_path, os.path.getsize(onnx_path), 'bytes')


if __name__ == '__main__':
    main()
