"""The three networks of InstColorization (Su, Chu & Huang, "Instance-aware Image Colorization",
CVPR 2020), written so that the authors' released checkpoints load into them with strict=True:

  GComp  latest_net_GComp.pth  FullGenerator      the full-image network (SIGGRAPH17 layout)
  G      latest_net_G.pth      InstanceGenerator  the same layout, run on each instance crop
  GF     latest_net_GF.pth     FusionGenerator    the same trunk plus 13 WeightGenerators (+1 unused)

Module names and Sequential indices are those of the authors' models/networks.py (ReLUs, Tanh and
BatchNorm occupy indices too; model_class, upsample4, softmax and weight_layerout exist there but
are not used by the test-time forward). The trunk blocks are built with zhang_archs' helpers, whose
layout is the same as the SIGGRAPHGenerator's.

Inputs of every trunk: cat((L - 50) / 100, ab_hint / 110, mask) with 4 channels. At test time the
authors feed no hints: ab_hint = 0 and mask = 0 - mask_cent = -0.5 (util.add_color_patches_rand_gt
with sample_p = 1.0 subtracts mask_cent from an all-zero mask). Outputs are tanh(.) in ab / 110.

The fusion arithmetic (WeightGenerator.forward_reference) follows the authors' test-time forward:
each instance's feature map is resized bilinearly (F.interpolate, align_corners=False) to its box
and zero-padded to the full map; the instance weight logits (simple_instance_conv of the crop
feature) are resized and padded the same way; the background logit is simple_bg_conv of the
full-image feature plus 1e5 outside the union of the boxes; a softmax over [instances..., bg]
weights the sum of the features.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from zhang_archs import _conv3, _stage

L_CENT = 50.0
L_NORM = 100.0
AB_NORM = 110.0
MASK_CENT = 0.5
NUM_CLASSES = 529

# (feature name, channels, index into box_info_list: 0 = 256, 1 = 128, 2 = 64, 3 = 32), in the
# order of FusionGenerator.forward, and the name of the WeightGenerator applied at that point.
FUSION_POINTS = [
    ('conv1_2', 64, 0, 'weight_layer'),
    ('conv2_2', 128, 1, 'weight_layer2'),
    ('conv3_3', 256, 2, 'weight_layer3'),
    ('conv4_3', 512, 3, 'weight_layer4'),
    ('conv5_3', 512, 3, 'weight_layer5'),
    ('conv6_3', 512, 3, 'weight_layer6'),
    ('conv7_3', 512, 3, 'weight_layer7'),
    ('conv8_up', 256, 2, 'weight_layer8_1'),
    ('conv8_3', 256, 2, 'weight_layer8_2'),
    ('conv9_up', 128, 1, 'weight_layer9_1'),
    ('conv9_3', 128, 1, 'weight_layer9_2'),
    ('conv10_up', 128, 0, 'weight_layer10_1'),
    ('conv10_2', 128, 0, 'weight_layer10_2'),
]
LEVELS = [256, 128, 64, 32]


class Trunk(nn.Module):
    """The SIGGRAPH17-style generator shared by GComp, G and GF (same parameter names)."""

    def __init__(self):
        super().__init__()
        self.model1 = _stage([4, 64, 64])
        self.model2 = _stage([64, 128, 128])
        self.model3 = _stage([128, 256, 256, 256])
        self.model4 = _stage([256, 512, 512, 512])
        self.model5 = _stage([512, 512, 512, 512], dilation=2)
        self.model6 = _stage([512, 512, 512, 512], dilation=2)
        self.model7 = _stage([512, 512, 512, 512])
        self.model8up = nn.Sequential(nn.ConvTranspose2d(512, 256, 4, stride=2, padding=1, bias=True))
        self.model3short8 = nn.Sequential(_conv3(256, 256))
        self.model8 = _stage([256, 256, 256], lead_relu=True)
        self.model9up = nn.Sequential(nn.ConvTranspose2d(256, 128, 4, stride=2, padding=1, bias=True))
        self.model2short9 = nn.Sequential(_conv3(128, 128))
        self.model9 = _stage([128, 128], lead_relu=True)
        self.model10up = nn.Sequential(nn.ConvTranspose2d(128, 128, 4, stride=2, padding=1, bias=True))
        self.model1short10 = nn.Sequential(_conv3(64, 128))
        self.model10 = nn.Sequential(nn.ReLU(True), _conv3(128, 128), nn.LeakyReLU(negative_slope=0.2))
        self.model_class = nn.Sequential(nn.Conv2d(256, NUM_CLASSES, kernel_size=1, bias=True))
        self.model_out = nn.Sequential(nn.Conv2d(128, 2, kernel_size=1, bias=True), nn.Tanh())
        self.upsample4 = nn.Sequential(nn.Upsample(scale_factor=4, mode='nearest'))
        self.softmax = nn.Sequential(nn.Softmax(dim=1))

    def run(self, x, fuse=None):
        """x: the 4-channel input. fuse(name, tensor) -> tensor is applied at each fusion point
        (identity when None). Returns (out_reg, {name: feature}) like the authors' forwards."""
        f = fuse or (lambda name, t: t)
        feats = {}

        def point(name, t):
            t = f(name, t)
            feats[name] = t
            return t

        c1 = point('conv1_2', self.model1(x))
        c2 = point('conv2_2', self.model2(c1[:, :, ::2, ::2]))
        c3 = point('conv3_3', self.model3(c2[:, :, ::2, ::2]))
        c4 = point('conv4_3', self.model4(c3[:, :, ::2, ::2]))
        c5 = point('conv5_3', self.model5(c4))
        c6 = point('conv6_3', self.model6(c5))
        c7 = point('conv7_3', self.model7(c6))
        c8u = point('conv8_up', self.model8up(c7) + self.model3short8(c3))
        c8 = point('conv8_3', self.model8(c8u))
        c9u = point('conv9_up', self.model9up(c8) + self.model2short9(c2))
        c9 = point('conv9_3', self.model9(c9u))
        c10u = point('conv10_up', self.model10up(c9) + self.model1short10(c1))
        c10 = point('conv10_2', self.model10(c10u))
        return self.model_out(c10), feats


class FullGenerator(Trunk):
    """GComp (the authors' SIGGRAPHGenerator): forward(A, B, mask) -> ab / 110."""

    def forward(self, input_A, input_B, mask_B):
        return self.run(torch.cat((input_A, input_B, mask_B), dim=1))[0]


class InstanceGenerator(Trunk):
    """G: forward(A, B, mask) -> (ab / 110, feature map dict), run on the instance crops."""

    def forward(self, input_A, input_B, mask_B):
        return self.run(torch.cat((input_A, input_B, mask_B), dim=1))


class WeightGenerator(nn.Module):
    """Per-pixel fusion weights at one point of the trunk (layout of the authors' class)."""

    def __init__(self, input_ch, inner_ch=16):
        super().__init__()

        def head():
            return nn.Sequential(
                nn.Conv2d(input_ch, inner_ch, 3, stride=1, padding=1), nn.ReLU(True),
                nn.Conv2d(inner_ch, inner_ch, 3, stride=1, padding=1), nn.ReLU(True),
                nn.Conv2d(inner_ch, 1, 3, stride=1, padding=1), nn.ReLU(True))

        self.simple_instance_conv = head()
        self.simple_bg_conv = head()
        self.normalize = nn.Softmax(1)

    @staticmethod
    def resize_and_pad(maps, info):
        """info = [L_pad, R_pad, T_pad, B_pad, width, height] (get_box_info order)."""
        maps = F.interpolate(maps, size=(int(info[5]), int(info[4])), mode='bilinear',
                             align_corners=False)
        return F.pad(maps, (int(info[0]), int(info[1]), int(info[2]), int(info[3])), 'constant', 0)

    def forward_reference(self, instance_feature, bg_feature, box_info):
        """The authors' arithmetic, one instance at a time (the PyTorch reference)."""
        logits, maps = [], []
        union = torch.zeros_like(bg_feature)[:1, :1]
        for i in range(instance_feature.shape[0]):
            crop = instance_feature[i:i + 1]
            logits.append(self.resize_and_pad(self.simple_instance_conv(crop), box_info[i]))
            maps.append(self.resize_and_pad(crop, box_info[i]))
            box = torch.zeros_like(union)
            t, l, h, w = (int(box_info[i][2]), int(box_info[i][0]), int(box_info[i][5]),
                          int(box_info[i][4]))
            box[0, 0, t:t + h, l:l + w] = 1.0
            union = torch.clamp(union + box, 0.0, 1.0)
        logits.append(self.simple_bg_conv(bg_feature) + (1 - union) * 100000.0)
        weights = self.normalize(torch.cat(logits, 1))
        maps.append(bg_feature)
        return torch.sum(torch.cat(maps, 0) * weights.permute(1, 0, 2, 3), 0, keepdim=True)

    def forward_pasted(self, pasted, pasted_logits, union, bg_feature):
        """The same blend from already resized-and-padded instance maps [N,C,h,w] and logits
        [N,1,h,w] and the union of the boxes [1,1,h,w] (used by the exported graph)."""
        bg_logit = self.simple_bg_conv(bg_feature) + (1 - union) * 100000.0
        weights = self.normalize(torch.cat((pasted_logits.permute(1, 0, 2, 3), bg_logit), 1))
        return torch.sum(torch.cat((pasted, bg_feature), 0) * weights.permute(1, 0, 2, 3), 0,
                         keepdim=True)


class FusionGenerator(Trunk):
    """GF: the trunk on the full image with a WeightGenerator after each of the 13 points."""

    def __init__(self):
        super().__init__()
        for name, channels, _, layer in FUSION_POINTS:
            setattr(self, layer, WeightGenerator(channels))
        self.weight_layerout = WeightGenerator(2)   # in the checkpoint, unused by the forward

    def forward(self, input_A, input_B, mask_B, instance_feature, box_info_list):
        """The authors' test-time forward: box_info_list = [box_info at 256, 128, 64, 32]."""
        layers = {name: (getattr(self, layer), level) for name, _, level, layer in FUSION_POINTS}

        def fuse(name, t):
            wg, level = layers[name]
            return wg.forward_reference(instance_feature[name], t, box_info_list[level])

        return self.run(torch.cat((input_A, input_B, mask_B), dim=1), fuse)[0]


ARCHS = {'GComp': FullGenerator, 'G': InstanceGenerator, 'GF': FusionGenerator}
CHECKPOINTS = {'GComp': 'latest_net_GComp.pth', 'G': 'latest_net_G.pth', 'GF': 'latest_net_GF.pth'}


def random_init_(net, generator):
    """Deterministic random weights with non-trivial activations. The authors' init (xavier normal,
    gain 0.02) would make every activation ~0, so instead: He-normal convolutions with small random
    biases, BatchNorm with random affine and running statistics (as zhang_archs.random_init_), the
    tanh input scaled down (model_out x 0.1) so the ab output is not saturated, and the weight heads
    at He scale so the fusion softmax is neither uniform nor one-hot."""
    g = generator
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                fan_in = m.weight[0].numel() if isinstance(m, nn.Conv2d) else \
                    m.weight.shape[0] * m.weight[0, 0].numel() / (m.stride[0] * m.stride[1])
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5)
                if m.bias is not None:
                    m.bias.copy_(torch.randn(m.bias.shape, generator=g) * 0.05)
            elif isinstance(m, nn.BatchNorm2d):
                c = m.num_features
                m.weight.copy_(0.8 + 0.4 * torch.rand(c, generator=g))
                m.bias.copy_(0.1 * torch.randn(c, generator=g))
                m.running_mean.copy_(0.1 * torch.randn(c, generator=g))
                m.running_var.copy_(0.5 + torch.rand(c, generator=g))
        net.model_out[0].weight.mul_(0.1)
    return net
