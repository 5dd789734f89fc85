#!/usr/bin/python3
"""Exports a trained CompactColorNet checkpoint as models/NAME.onnx + NAME.json (our model contract).

  /usr/bin/python3 models/training/export_default.py build/training/final.pt --name compact-lab-v1 \
      --temperature 0.6 --out models
"""
import argparse, json, os, sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from net import CompactColorNet, OUTPUT_STRIDE  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('checkpoint')
    ap.add_argument('--name', default='compact-lab-v1')
    ap.add_argument('--out', default='models')
    ap.add_argument('--temperature', type=float, required=True, help='default annealed-mean temperature')
    ap.add_argument('--short-side', type=int, default=224)
    ap.add_argument('--chroma-gain', type=float, default=1.0,
                    help='a*b* = frame mean + gain x (a*b* - frame mean) after decoding (1: none)')
    args = ap.parse_args()

    ck = torch.load(args.checkpoint, map_location='cpu')
    width = ck['args']['width']
    bins = ck['bins']
    net = CompactColorNet(len(bins), width, batch_norm=not ck['args'].get('init_onnx'))
    net.load_state_dict(ck['model'])
    net.eval()
    onnx_path = os.path.join(args.out, args.name + '.onnx')
    torch.onnx.export(net, (torch.zeros(1, 1, 224, 400),), onnx_path, input_names=['L'], output_names=['logits'],
                      opset_version=13, do_constant_folding=True,
                      dynamic_axes={'L': {0: 'N', 2: 'H', 3: 'W'}, 'logits': {0: 'N', 2: 'h', 3: 'w'}})
    a = ck['args']
    manifest = {
        'format': 'colorize-video-model/1',
        'name': args.name,
        'description': (f"CompactColorNet (width {width}, {sum(p.numel() for p in net.parameters()) / 1e6:.2f} M parameters) "
                        f"trained by models/training/train.py on the project's training photos: {ck['seen']} images seen "
                        f"in {ck['train_seconds'] / 60:.0f} min, {a['crop']} px crops, rebalancing lambda {a['rebalance']}, "
                        f"L1 weight {a['beta']}"
                        + (", with the frames of the videos no evaluation uses" if a.get('video') else "")
                        + (f"; continued from {os.path.basename(a['init_onnx'])} (batch norms folded)"
                           if a.get('init_onnx') else "")
                        + f". See {args.name}.md."),
        'input': {'name': 'L', 'shape': [-1, 1, -1, -1], 'lRange': [0.0, 100.0],
                  'size': {'policy': 'shortSide', 'shortSide': args.short_side, 'multiple': 8}},
        'extraInputs': [],
        'output': {'name': 'logits', 'kind': 'logits', 'stride': OUTPUT_STRIDE, 'temperature': args.temperature,
                   **({'chromaGain': args.chroma_gain} if args.chroma_gain != 1.0 else {}),
                   'bins': [[float(x), float(y)] for x, y in bins]},
    }
    with open(os.path.join(args.out, args.name + '.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    print('wrote', onnx_path, os.path.getsize(onnx_path), 'bytes')


if __name__ == '__main__':
    main()
