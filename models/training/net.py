"""The compact default colorizer: L* in (raw 0..100), ab-bin logits out at 1/4 resolution.

Same contract as Zhang et al.'s ECCV16 network (the graph normalises (L-50)/100 itself), but small
enough to train on two CPU cores: early downsampling, a dilated middle at 1/8 with a global-context
branch (image-wide average -> per-channel bias, against global colour casts), and one decoder stage
with a skip connection at 1/4.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, stride=1, dilation=1, batch_norm=True):
    if not batch_norm:   # a network read back from an ONNX graph, its batch norms folded into the biases
        return nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation), nn.ReLU(inplace=True))
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class CompactColorNet(nn.Module):
    def __init__(self, num_bins, width=32, batch_norm=True):
        super().__init__()
        w = width

        def cb(cin, cout, stride=1, dilation=1):
            return conv_bn(cin, cout, stride, dilation, batch_norm)
        self.stem = nn.Sequential(cb(1, w // 2, stride=2), cb(w // 2, w))          # 1/2
        self.enc2 = nn.Sequential(cb(w, 2 * w, stride=2), cb(2 * w, 2 * w))       # 1/4
        self.enc3 = cb(2 * w, 4 * w, stride=2)                                    # 1/8
        self.middle = nn.Sequential(*[cb(4 * w, 4 * w, dilation=d) for d in (1, 2, 2, 4, 1)])
        self.global_ctx = nn.Sequential(nn.Linear(4 * w, 4 * w), nn.ReLU(inplace=True),
                                        nn.Linear(4 * w, 4 * w))
        self.dec = nn.Sequential(cb(6 * w, 2 * w), cb(2 * w, 2 * w))              # 1/4
        self.head = nn.Conv2d(2 * w, num_bins, 1)

    def forward(self, L):
        x = (L - 50.0) / 100.0
        s2 = self.enc2(self.stem(x))
        m = self.middle(self.enc3(s2))
        g = self.global_ctx(m.mean(dim=(2, 3)))
        m = m + g[:, :, None, None]
        up = F.interpolate(m, size=s2.shape[2:], mode='bilinear', align_corners=False)
        return self.head(self.dec(torch.cat([up, s2], 1)))


OUTPUT_STRIDE = 4


def from_onnx(onnx_path, width=32):
    """A CompactColorNet without batch norms holding the weights of an exported one (e.g.
    models/compact-lab-v1.onnx, whose batch norms the export folded into the convolutions): the same
    function, ready to be trained further. Returns (net, bins) with the bins of the ONNX file's manifest."""
    import json
    import onnx
    from onnx import numpy_helper
    with open(onnx_path[:-len('.onnx')] + '.json') as f:
        bins = torch.tensor(json.load(f)['output']['bins'], dtype=torch.float32)
    graph = onnx.load(onnx_path).graph
    init = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    net = CompactColorNet(len(bins), width, batch_norm=False)
    convs = [m for m in net.modules() if isinstance(m, nn.Conv2d)]
    linears = [m for m in net.modules() if isinstance(m, nn.Linear)]
    nodes = [n for n in graph.node if n.op_type == 'Conv']
    gemms = [n for n in graph.node if n.op_type == 'Gemm']
    assert len(nodes) == len(convs) and len(gemms) == len(linears), 'not a CompactColorNet graph'
    with torch.no_grad():
        for node, layer in list(zip(nodes, convs)) + list(zip(gemms, linears)):
            layer.weight.copy_(init[node.input[1]])
            layer.bias.copy_(init[node.input[2]])
    return net, bins
