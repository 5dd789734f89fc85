"""The hint model as an adapter on a frozen automatic model (after ControlNet, Zhang, Rao and Agrawala 2023).

The hint network of hint_net.py shares all its layers between the no-hint and the hinted case, so teaching it
hints moved its no-hint colours (0.65 dB below the compact-lab-v2 it started from, even with a distillation
term). Here the automatic model (CompactColorNet read from its ONNX graph by net.from_onnx) is frozen and
a trainable hint branch (a CompactHintNet, which sees L* and the hints) adds to three of its feature maps
through 1x1 convolutions that start at zero ("zero convolutions"):
  - the middle at 1/8, before the base's global-context branch (so a hint can tint the whole frame),
  - the skip connection at 1/4,
  - the decoder's output at 1/4, just before the base's head.
Each addition is multiplied by a gate that is 1 when the frame has at least one hint and 0 when it has none:
without hints the adapter IS the automatic model, exactly (no drift to hold back), and training only changes
what happens with hints. Same SIGGRAPH17 contract as hint_net.py: L*, ab_hint, hint_mask in; the base's
ab-bin logits at 1/4 out.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from hint_net import CompactHintNet, from_base_model
from net import CompactColorNet, from_onnx


def zero_conv(channels):
    c = nn.Conv2d(channels, channels, 1)
    nn.init.zeros_(c.weight)
    nn.init.zeros_(c.bias)
    return c


class CompactHintAdapter(nn.Module):
    def __init__(self, num_bins, width=32):
        super().__init__()
        w = width
        self.base = CompactColorNet(num_bins, width, batch_norm=False)
        self.hint = CompactHintNet(num_bins, width)
        self.to_middle, self.to_skip, self.to_decoder = zero_conv(4 * w), zero_conv(2 * w), zero_conv(2 * w)
        self.freeze_base()

    def freeze_base(self):
        for q in self.base.parameters():
            q.requires_grad_(False)

    def trainable(self):
        return [q for q in self.parameters() if q.requires_grad]

    def own_state(self):
        """The weights training changes (the base stays in its ONNX file): what a checkpoint holds."""
        return {k: v for k, v in self.state_dict().items() if not k.startswith('base.')}

    def load_own_state(self, state):
        """Loads what own_state saved (a checkpoint of train_hints.py --adapter); the base keeps its weights."""
        missing, unexpected = self.load_state_dict(state, strict=False)
        assert not unexpected and all(k.startswith('base.') for k in missing), (missing, unexpected)

    def forward(self, L, ab_hint, hint_mask):
        gate = hint_mask.amax(dim=(1, 2, 3), keepdim=True)   # 1: the frame has hints, 0: it has none
        h_s2, h_m, h_d = self.hint.features(L, ab_hint, hint_mask)
        b = self.base
        s2 = b.enc2(b.stem((L - 50.0) / 100.0))
        m = b.middle(b.enc3(s2)) + gate * self.to_middle(h_m)
        m = m + b.global_ctx(m.mean(dim=(2, 3)))[:, :, None, None]
        up = F.interpolate(m, size=s2.shape[2:], mode='bilinear', align_corners=False)
        d = b.dec(torch.cat([up, s2 + gate * self.to_skip(h_s2)], 1))
        return b.head(d + gate * self.to_decoder(h_d))


def from_models(base_onnx, hint_state=None):
    """The adapter on the exported automatic model base_onnx, its hint branch from a CompactHintNet state
    (e.g. a train_hints.py checkpoint's weights; None: the base's weights with zero hint weights) and the
    zero convolutions at zero: before training it is the base model, with hints or without."""
    base, bins = from_onnx(base_onnx)
    net = CompactHintAdapter(len(bins))
    net.base.load_state_dict(base.state_dict())
    if hint_state is not None:
        net.hint.load_state_dict(hint_state)
    else:
        net.hint.load_state_dict(from_base_model(base_onnx).state_dict())
    return net, bins
