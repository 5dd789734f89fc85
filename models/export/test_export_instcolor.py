#!/usr/bin/env python3
"""Checks for instcolor_archs.py / instcolor_reference.py that need no export. Plain script, exits
non-zero on failure (a few seconds):

    /usr/bin/python3 models/export/test_export_instcolor.py

1. The state_dict layouts of GComp, G and GF against the authors' models/networks.py layouts,
   written out here by hand (key names and shapes), and strict loading of a DataParallel-style
   checkpoint ('module.' prefix) through export_instcolor.load_checkpoint.
2. The paste weights (axis_weights) against the weights PyTorch's F.interpolate applies to one-hot
   inputs, for every box size on 32-, 64- and 256-wide maps, bit for bit.
The export itself and the ONNX Runtime comparison are tested by the Java InstanceFusionTest.
"""
import os
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import export_instcolor  # noqa: E402
import instcolor_archs as ia  # noqa: E402
from instcolor_reference import axis_weights  # noqa: E402


def conv(p, cout, cin, k):
    return {f'{p}.weight': [cout, cin, k, k], f'{p}.bias': [cout]}


def bn(p, c):
    return {f'{p}.weight': [c], f'{p}.bias': [c], f'{p}.running_mean': [c], f'{p}.running_var': [c],
            f'{p}.num_batches_tracked': []}


def official_trunk():
    d = {}
    d.update(conv('model1.0', 64, 4, 3)); d.update(conv('model1.2', 64, 64, 3)); d.update(bn('model1.4', 64))
    d.update(conv('model2.0', 128, 64, 3)); d.update(conv('model2.2', 128, 128, 3)); d.update(bn('model2.4', 128))
    d.update(conv('model3.0', 256, 128, 3)); d.update(conv('model3.2', 256, 256, 3))
    d.update(conv('model3.4', 256, 256, 3)); d.update(bn('model3.6', 256))
    d.update(conv('model4.0', 512, 256, 3))
    for i in (4, 5, 6, 7):
        if i != 4:
            d.update(conv(f'model{i}.0', 512, 512, 3))
        d.update(conv(f'model{i}.2', 512, 512, 3)); d.update(conv(f'model{i}.4', 512, 512, 3))
        d.update(bn(f'model{i}.6', 512))
    d.update({'model8up.0.weight': [512, 256, 4, 4], 'model8up.0.bias': [256]})
    d.update(conv('model3short8.0', 256, 256, 3))
    d.update(conv('model8.1', 256, 256, 3)); d.update(conv('model8.3', 256, 256, 3)); d.update(bn('model8.5', 256))
    d.update({'model9up.0.weight': [256, 128, 4, 4], 'model9up.0.bias': [128]})
    d.update(conv('model2short9.0', 128, 128, 3))
    d.update(conv('model9.1', 128, 128, 3)); d.update(bn('model9.3', 128))
    d.update({'model10up.0.weight': [128, 128, 4, 4], 'model10up.0.bias': [128]})
    d.update(conv('model1short10.0', 128, 64, 3))
    d.update(conv('model10.1', 128, 128, 3))
    d.update(conv('model_class.0', 529, 256, 1))
    d.update(conv('model_out.0', 2, 128, 1))
    return d


def official_gf():
    d = official_trunk()
    layers = {'weight_layer': 64, 'weight_layer2': 128, 'weight_layer3': 256, 'weight_layer4': 512,
              'weight_layer5': 512, 'weight_layer6': 512, 'weight_layer7': 512, 'weight_layer8_1': 256,
              'weight_layer8_2': 256, 'weight_layer9_1': 128, 'weight_layer9_2': 128,
              'weight_layer10_1': 128, 'weight_layer10_2': 128, 'weight_layerout': 2}
    for name, c in layers.items():
        for head in ('simple_instance_conv', 'simple_bg_conv'):
            d.update(conv(f'{name}.{head}.0', 16, c, 3)); d.update(conv(f'{name}.{head}.2', 16, 16, 3))
            d.update(conv(f'{name}.{head}.4', 1, 16, 3))
    return d


def check_layouts():
    expected = {'GComp': official_trunk(), 'G': official_trunk(), 'GF': official_gf()}
    for key, exp in expected.items():
        got = {k: list(v.shape) for k, v in ia.ARCHS[key]().state_dict().items()}
        missing, extra = sorted(set(exp) - set(got)), sorted(set(got) - set(exp))
        assert not missing and not extra, f'{key}: missing {missing[:5]}, unexpected {extra[:5]}'
        wrong = [k for k in exp if exp[k] != got[k]]
        assert not wrong, f'{key}: shapes differ for {wrong[:5]}'
        print(f'[layout] {key}: {len(got)} tensors as in the authors\' networks.py')


def check_checkpoint_loading():
    src = ia.random_init_(ia.FusionGenerator(), torch.Generator().manual_seed(5))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'latest_net_GF.pth')
        torch.save({'module.' + k: v for k, v in src.state_dict().items()}, path)
        dst = ia.FusionGenerator()
        export_instcolor.load_checkpoint(dst, path)
    for k, v in src.state_dict().items():
        assert torch.equal(v, dst.state_dict()[k]), k
    print('[checkpoint] a DataParallel-style GF checkpoint loads with strict=True')


def check_paste_weights():
    for size in (32, 64, 256):
        eye = torch.eye(size).reshape(size, 1, 1, size)
        for n in range(1, size + 1):
            want = F.interpolate(eye, size=(1, n), mode='bilinear', align_corners=False)[:, 0, 0, :].numpy()
            i0, i1, w0, w1 = axis_weights(0, n, size)
            got = np.zeros((size, n), np.float32)
            for d in range(n):
                got[i0[d], d] += w0[d]
                got[i1[d], d] += w1[d]
            assert np.array_equal(want, got), f'weights differ for {size} -> {n}'
    print('[paste] axis_weights equal the weights of F.interpolate for every box size on 32, 64, 256 maps')


if __name__ == '__main__':
    torch.set_num_threads(1)
    check_layouts()
    check_checkpoint_loading()
    check_paste_weights()
    print('OK')
