"""The compact default colorizer: L* in (raw 0..100), ab-bin logits out at 1/4 resolution.

Same contract as Zhang et al.'s ECCV16 network (the graph normalises (L-50)/100 itself), but small
enough to train on two CPU cores: early downsampling, a dilated middle at 1/8 with a global-context
branch (image-wide average -> per-channel bias, against global colour casts), and one decoder stage
with a skip connection at 1/4.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, stride=1, dilation=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class CompactColorNet(nn.Module):
    def __init__(self, num_bins, width=32):
        super().__init__()
        w = width
        self.stem = nn.Sequential(conv_bn(1, w // 2, stride=2), conv_bn(w // 2, w))          # 1/2
        self.enc2 = nn.Sequential(conv_bn(w, 2 * w, stride=2), conv_bn(2 * w, 2 * w))       # 1/4
        self.enc3 = conv_bn(2 * w, 4 * w, stride=2)                                         # 1/8
        self.middle = nn.Sequential(*[conv_bn(4 * w, 4 * w, dilation=d) for d in (1, 2, 2, 4, 1)])
        self.global_ctx = nn.Sequential(nn.Linear(4 * w, 4 * w), nn.ReLU(inplace=True),
                                        nn.Linear(4 * w, 4 * w))
        self.dec = nn.Sequential(conv_bn(6 * w, 2 * w), conv_bn(2 * w, 2 * w))               # 1/4
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
