#!/usr/bin/python3
"""Train the default colorizer (Zhang et al. 2016 recipe, scaled to two CPU cores).

Reads ../shared/data/train/*.tar in place (never copied), trains CompactColorNet with
 - soft-encoded 313-style ab-bin targets (5 nearest bins, Gaussian sigma 5),
 - class rebalancing w ~ 1/((1-lam) p~ + lam/Q), p~ = empirical prior smoothed by sigma 5,
 - plus beta * L1 on the T=1 expectation (the combined loss chosen by measurement, see the card),
checkpoints atomically every few minutes and resumes from the checkpoint when restarted.

  /usr/bin/python3 models/training/train.py --data ../shared/data --out build/training --minutes 110
"""
import argparse, copy, glob, io, json, math, os, sys, tarfile, time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from colorlib import rgb_to_lab, lab_to_rgb, annealed_mean, model_input_size, resize  # noqa: E402
from net import CompactColorNet, from_onnx  # noqa: E402

GRID = 10.0      # ab bin spacing (Zhang et al.)
SIGMA = 5.0      # soft-encoding and prior smoothing sigma (ab units)


def load_photos(data_dir):
    photos = []
    for tar_path in sorted(glob.glob(os.path.join(data_dir, 'train', '*.tar'))):
        with tarfile.open(tar_path) as tar:
            for m in tar.getmembers():
                if m.isfile() and m.name.lower().endswith(('.jpg', '.jpeg', '.png')):
                    img = Image.open(io.BytesIO(tar.extractfile(m).read())).convert('RGB')
                    photos.append(np.asarray(img))
    return photos


def load_video_frames(data_dir, clip_every=2, mp4_every=8):
    """Frames of the videos no evaluation uses (train_exemplar.TRAIN_CLIPS of video/extra, every
    clip_every-th frame; the first MP4_FRAMES frames of its TRAIN_MP4 camera files, every mp4_every-th),
    as more photos. The DAVIS clips and the exemplar evaluation's clips stay out."""
    import cv2
    from train_exemplar import TRAIN_CLIPS, TRAIN_MP4, MP4_FRAMES
    frames = []
    for c in TRAIN_CLIPS:
        for f in sorted(glob.glob(os.path.join(data_dir, 'video', 'extra', c, '*.jpg')))[::clip_every]:
            frames.append(np.asarray(Image.open(f).convert('RGB')))
    for c in TRAIN_MP4:
        cap = cv2.VideoCapture(os.path.join(data_dir, 'video', 'mp4', c + '.mp4'))
        for i in range(MP4_FRAMES):
            ok, bgr = cap.read()
            if not ok:
                break
            if i % mp4_every == 0:
                frames.append(np.ascontiguousarray(bgr[:, :, ::-1]))
        cap.release()
    return frames


def ab_statistics(photos):
    """Histogram of ab on the spacing-10 grid over all photos: bin centres and empirical prior."""
    edges = np.arange(-115.0, 116.0, GRID)                  # cells centred on multiples of 10
    hist = np.zeros((len(edges) - 1, len(edges) - 1))
    for p in photos:
        t = torch.from_numpy(p[::2, ::2].copy()).permute(2, 0, 1)[None].double() / 255.0
        lab = rgb_to_lab(t)[0]
        h, _, _ = np.histogram2d(lab[1].flatten().numpy(), lab[2].flatten().numpy(), bins=[edges, edges])
        hist += h
    centres = (edges[:-1] + edges[1:]) / 2
    aa, bb = np.meshgrid(centres, centres, indexing='ij')
    keep = hist > hist.sum() * 1e-7
    bins = np.stack([aa[keep], bb[keep]], 1)
    prior = hist[keep] / hist[keep].sum()
    return bins.astype(np.float32), prior


def rebalance_weights(bins, prior, lam):
    d2 = ((bins[:, None, :] - bins[None, :, :]) ** 2).sum(-1)
    k = np.exp(-d2 / (2 * SIGMA ** 2))
    smooth = k @ prior / k.sum(1)
    smooth /= smooth.sum()
    w = 1.0 / ((1 - lam) * smooth + lam / len(bins))
    w /= (smooth * w).sum()
    return w.astype(np.float32)


def random_batch(photos, rng, batch, crop):
    import cv2
    out = np.empty((batch, crop, crop, 3), np.uint8)
    for i in range(batch):
        p = photos[rng.integers(len(photos))]
        h, w = p.shape[:2]
        s = max(crop / min(h, w), rng.uniform(0.6, 1.2))
        nh, nw = max(crop, int(round(h * s))), max(crop, int(round(w * s)))
        q = cv2.resize(p, (nw, nh), interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR)
        y, x = rng.integers(nh - crop + 1), rng.integers(nw - crop + 1)
        q = q[y:y + crop, x:x + crop]
        out[i] = q[:, ::-1] if rng.random() < 0.5 else q
    return torch.from_numpy(out).permute(0, 3, 1, 2).float() / 255.0


def soft_encode(ab, bins_t, k=5):
    """ab [N,2,h,w] -> soft targets [N,Q,h,w] over the k nearest bins, and nearest-bin index."""
    n, _, h, w = ab.shape
    pts = ab.permute(0, 2, 3, 1).reshape(-1, 2)
    d2 = torch.cdist(pts, bins_t) ** 2
    dk, ik = torch.topk(d2, k, dim=1, largest=False)
    wk = torch.exp(-dk / (2 * SIGMA ** 2))
    wk = wk / wk.sum(1, keepdim=True)
    tgt = torch.zeros(pts.shape[0], bins_t.shape[0]).scatter_(1, ik, wk)
    return tgt.view(n, h, w, -1).permute(0, 3, 1, 2), ik[:, 0].view(n, h, w)


def load_validation(data_dir, every=10, clips=None):
    """Every every-th frame of the DAVIS clips, or of the given clips (folders under DATA/video)."""
    frames = []
    folders = ([os.path.join(data_dir, 'video', c) for c in clips] if clips
               else sorted(glob.glob(os.path.join(data_dir, 'video', 'davis', '*'))))
    for clip in folders:
        for f in sorted(glob.glob(os.path.join(clip, '*.jpg')))[::every]:
            frames.append(np.asarray(Image.open(f).convert('RGB')))
    return frames


def colorfulness(rgb):
    r, g, b = [rgb[..., i].astype(np.float64) for i in range(3)]
    rg, yb = r - g, 0.5 * (r + g) - b
    return math.sqrt(rg.std() ** 2 + yb.std() ** 2) + 0.3 * math.sqrt(rg.mean() ** 2 + yb.mean() ** 2)


@torch.no_grad()
def validate(model, frames, bins_t, temps, short_side=224):
    model.eval()
    res = {t: [0.0, 0.0] for t in temps}
    gray = [0.0, 0.0]
    for fr in frames:
        t = torch.from_numpy(fr).permute(2, 0, 1)[None].double() / 255.0
        lab = rgb_to_lab(t)
        H, W = fr.shape[:2]
        size = model_input_size(H, W, short_side, 8)
        logits = model(resize(lab[:, :1].float(), size))
        for T in temps + [None]:
            if T is None:
                ab = torch.zeros(1, 2, H, W, dtype=torch.float64)
            else:
                ab = resize(annealed_mean(logits, bins_t, T), (H, W)).double()
            rgb = (lab_to_rgb(torch.cat([lab[:, :1], ab], 1))[0].permute(1, 2, 0).numpy() * 255).round()
            mse = ((rgb - fr) ** 2).mean()
            acc = gray if T is None else res[T]
            acc[0] += 10 * math.log10(255 ** 2 / mse)
            acc[1] += colorfulness(rgb)
    n = len(frames)
    gt_cf = sum(colorfulness(f) for f in frames) / n
    model.train()
    return {'gray_psnr': gray[0] / n, 'gt_colorfulness': gt_cf,
            **{f'T{t}': {'psnr': v[0] / n, 'colorfulness': v[1] / n} for t, v in res.items()}}


class WeightAverage:
    """Polyak averaging: a frozen copy of model whose trained weights follow the model's by
    avg = decay * avg + (1 - decay) * weight after each step (buffers, e.g. batch-norm statistics, are
    copied). .model is what is validated and exported; a resumed run loads its saved averages into it."""

    def __init__(self, model, decay):
        self.decay = decay
        self.model = copy.deepcopy(model)
        for q in self.model.parameters():
            q.requires_grad_(False)
        self.pairs = [(pa, pm) for pa, pm in zip(self.model.parameters(), model.parameters()) if pm.requires_grad]
        self.buffers = list(zip(self.model.buffers(), model.buffers()))

    @torch.no_grad()
    def update(self):
        for pa, pm in self.pairs:
            pa.mul_(self.decay).add_(pm.detach(), alpha=1 - self.decay)
        for ba, bm in self.buffers:
            ba.copy_(bm)


def atomic_save(obj, path):
    tmp = path + '.tmp'
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='../shared/data')
    ap.add_argument('--out', default='build/training')
    ap.add_argument('--minutes', type=float, default=110, help='wall-time budget for this run')
    ap.add_argument('--steps', type=int, default=6000, help='planned steps (learning-rate schedule)')
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--crop', type=int, default=128)
    ap.add_argument('--width', type=int, default=32)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--rebalance', type=float, default=0.75, help='lam: 0 = full rebalancing, 1 = none')
    ap.add_argument('--beta', type=float, default=1.0, help='weight of the L1 term on the T=1 mean')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--validate-every', type=int, default=1000)
    ap.add_argument('--seed', type=int, default=2020)
    ap.add_argument('--init-onnx', help='start from an exported CompactColorNet (its batch norms folded; '
                    'e.g. models/compact-lab-v1.onnx) when OUT has no checkpoint; trains without batch norm')
    ap.add_argument('--init', help='weights-only checkpoint (committed at the end of a stretch) to resume from '
                    'when OUT has no checkpoint; the optimiser starts afresh')
    ap.add_argument('--ema', type=float, default=0.0,
                    help='keep an exponential moving average of the weights with this decay per step (e.g. 0.999); '
                         'it is what is validated and saved as the model (the raw weights stay in the checkpoint)')
    ap.add_argument('--val-clips', help='validate on these clips (comma-separated folders under DATA/video, e.g. '
                    'extra/tennis) instead of the DAVIS ones, and keep the weights with the best PSNR at T = 0.38 '
                    'there as OUT/best.pt: a choice the DAVIS evaluation does not see')
    ap.add_argument('--video', action='store_true', help='also train on frames of the videos no evaluation uses')
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    dev = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    t0 = time.time()
    photos = load_photos(args.data)
    print(f'{len(photos)} photos loaded in {time.time() - t0:.0f}s', flush=True)

    stats_path = os.path.join(args.out, 'ab_stats.npz')
    if os.path.exists(stats_path):
        st = np.load(stats_path)
        bins, prior = st['bins'], st['prior']
    else:
        bins, prior = ab_statistics(photos)     # the photos' statistics, as compact-lab-v1's
        np.savez(stats_path, bins=bins, prior=prior)
    if args.video:
        video = load_video_frames(args.data)
        print(f'{len(video)} video frames added', flush=True)
        photos += video
    weights = rebalance_weights(bins, prior, args.rebalance)
    print(f'{len(bins)} ab bins from the data; rebalancing weights {weights.min():.2f}..{weights.max():.2f}',
          flush=True)
    bins_t = torch.from_numpy(bins)
    weights_t = torch.from_numpy(weights)

    torch.manual_seed(args.seed)
    if args.init_onnx:
        model, onnx_bins = from_onnx(args.init_onnx, args.width)
        assert np.allclose(onnx_bins.numpy(), bins), 'the ONNX model has other ab bins than these photos give'
        model = model.to(dev)
    else:
        model = CompactColorNet(len(bins), args.width).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    step, seen, train_seconds, history = 0, 0, 0.0, []
    ckpt_path = os.path.join(args.out, 'checkpoint.pt')
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location=dev)
        model.load_state_dict(ck['model'])
        opt.load_state_dict(ck['opt'])
        step, seen, train_seconds, history = ck['step'], ck['seen'], ck['train_seconds'], ck['history']
        print(f'resumed at step {step} ({seen} images seen)', flush=True)
    elif args.init:
        ck = torch.load(args.init, map_location=dev)
        model.load_state_dict(ck['model'])
        step, seen, train_seconds, history = ck['step'], ck['seen'], ck['train_seconds'], ck['history']
        print(f'resumed from {args.init} at step {step} ({seen} images seen; new optimiser)', flush=True)
    elif args.init_onnx:
        print(f'initialised from {args.init_onnx} (batch norms folded)', flush=True)
    rng = np.random.default_rng(args.seed + step)
    val_frames = load_validation(args.data, clips=args.val_clips.split(',') if args.val_clips else None)
    # with --val-clips: the best PSNR so far on these same clips (a resumed stretch may have validated on others)
    best = max([h['T0.38']['psnr'] for h in history if h.get('clips') == args.val_clips],
               default=-1.0) if args.val_clips else None
    n_params = sum(p.numel() for p in model.parameters())
    print(f'{n_params / 1e6:.2f} M parameters; {len(val_frames)} validation frames; device {dev}', flush=True)

    # the averaged weights (Polyak averaging): what is validated and exported when --ema is on
    ema = WeightAverage(model, args.ema) if args.ema > 0 else None
    if ema is not None and os.path.exists(ckpt_path) and 'ema' in ck:
        ema.model.load_state_dict(ck['ema'])
    shown = ema.model if ema is not None else model

    def weights_only():
        """The shown weights with what export and --init need (no optimiser)."""
        return {'model': shown.state_dict(), 'bins': bins, 'prior': prior, 'args': vars(args), 'step': step,
                'seen': seen, 'train_seconds': train_seconds, 'history': history}

    def checkpoint():
        atomic_save({**weights_only(), 'model': model.state_dict(), 'opt': opt.state_dict(),
                     **({'ema': ema.model.state_dict()} if ema is not None else {})}, ckpt_path)

    def validation(best):
        """Validates the shown weights, logs it; with --val-clips keeps the best ones. Returns the best PSNR."""
        v = validate(shown, val_frames, bins_t.to(dev), [1.0, 0.6, 0.38])
        v['step'] = step
        v['clips'] = args.val_clips
        history.append(v)
        print('validation', json.dumps(v), flush=True)
        if best is not None and v['T0.38']['psnr'] > best:
            best = v['T0.38']['psnr']
            atomic_save(weights_only(), os.path.join(args.out, 'best.pt'))
            print(f'best so far on the validation clips: step {step}', flush=True)
        return best

    if step == 0 and args.init_onnx:     # where the continued training starts from
        best = validation(best)
    start, last_ckpt, window_t, window_n = time.time(), time.time(), time.time(), 0
    while step < args.steps and time.time() - start < args.minutes * 60:
        lr = args.lr * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * step / args.steps)))
        lr *= min(1.0, (step + 1) / 200)
        for g in opt.param_groups:
            g['lr'] = lr
        t_step = time.time()
        lab = rgb_to_lab(random_batch(photos, rng, args.batch, args.crop))
        ab_small = F.avg_pool2d(lab[:, 1:], 4)
        target, nearest = soft_encode(ab_small, bins_t)
        logits = model(lab[:, :1].to(dev))
        logp = F.log_softmax(logits, 1)
        ce = -(target.to(dev) * logp).sum(1) * weights_t.to(dev)[nearest.to(dev)]
        mean_ab = annealed_mean(logits, bins_t.to(dev), 1.0)
        loss = ce.mean() + args.beta * (mean_ab - ab_small.to(dev)).abs().mean() / 110.0
        opt.zero_grad()
        loss.backward()
        opt.step()
        if ema is not None:
            ema.update()
        step += 1
        seen += args.batch
        window_n += args.batch
        train_seconds += time.time() - t_step
        if step % 50 == 0:
            now = time.time()
            print(f'step {step} loss {loss.item():.4f} lr {lr:.2e} {window_n / (now - window_t):.1f} img/s '
                  f'seen {seen}', flush=True)
            window_t, window_n = now, 0
        if step % args.validate_every == 0 or step == args.steps:
            best = validation(best)
        if time.time() - last_ckpt > 300:
            checkpoint()
            last_ckpt = time.time()
    checkpoint()
    torch.save(weights_only(), os.path.join(args.out, 'final.pt'))
    print(f'done: step {step}, {seen} images, {train_seconds / 60:.1f} min training, '
          f'{seen / max(train_seconds, 1e-9):.1f} img/s', flush=True)


if __name__ == '__main__':
    main()
