#!/usr/bin/python3
"""Teach a colorizer to take user colour hints (SIGGRAPH17 recipe on two CPU cores), resumably.

Two networks: with --adapter (the bundled compact-hints-v1), hint_adapter.CompactHintAdapter: the --base model
(compact-lab-v2) frozen and a hint branch that adds to its features, so that without hints it is the base model
exactly; without it, hint_net.CompactHintNet: the base model's layers with hint inputs starting at zero, all
layers trained (earlier, not bundled: its no-hint colours drift). Data: the project's training photos with
simulated hints as colorization-pytorch does (../shared/REFERENCE.md): per image a geometric number of
patches (keep adding while rand < 1 - p, p = 1/8: no hint in 1/8 of the images, 7 on average), patch
side uniform in 1..9, top-left corner per axis ~ Normal((H-P+1)/2, (H-P+1)/4) clipped, hint = the
patch's mean true a*b*, mask 1 there. Loss: train.py's (rebalanced soft-encoded cross-entropy over
the base model's 243 bins + beta x L1 of the T=1 mean), so the output contract stays the same; or
(--rebalance 1 --beta 20 --l1-decoded) colorization-pytorch's regression stage on the a*b* the plugin shows.
With --distil W, W x KL(base || net) over the bins, both without hints, holds the shared layers'
no-hint behaviour (each step then also runs the net and the base model without hints).

  /usr/bin/python3 models/training/train_hints.py --data ../shared/data --out build/adapter1 \
      --base models/compact-lab-v2.onnx --adapter models/training/checkpoints/compact-hints-v2.pt --ema 0.998
  (the two stages of compact-hints-v1: models/compact-hints.md)

Checkpoints (weights + Adam state + step, and the averaged weights with --ema) every 5 minutes into
OUT/checkpoint.pt, atomically; resumes from it, or from --init (a committed checkpoint) when OUT has none.
"""
import argparse, json, math, os, sys, time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from colorlib import rgb_to_lab, lab_to_rgb, annealed_mean, model_input_size, resize  # noqa: E402
from hint_net import CompactHintNet, from_base_model  # noqa: E402
import hint_adapter  # noqa: E402
import train  # noqa: E402  (photos, ab statistics, rebalancing, batches, soft encoding)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def simulate_hints(ab, rng, p=1 / 8, sizes=range(1, 10), points=None):
    """SIGGRAPH17 hints for a batch of true ab [N,2,H,W]: (ab_hint, mask). points: fixed count per image
    (the PSNR-vs-hints protocol) instead of the geometric draw."""
    n, _, h, w = ab.shape
    hint = torch.zeros_like(ab)
    mask = torch.zeros(n, 1, h, w)
    for i in range(n):
        k = 0
        while (points is None and rng.random() < 1 - p) or (points is not None and k < points):
            k += 1
            s = int(rng.choice(list(sizes)))
            y = int(np.clip(rng.normal((h - s + 1) / 2, (h - s + 1) / 4), 0, h - s))
            x = int(np.clip(rng.normal((w - s + 1) / 2, (w - s + 1) / 4), 0, w - s))
            hint[i, :, y:y + s, x:x + s] = ab[i, :, y:y + s, x:x + s].mean(dim=(1, 2), keepdim=True)
            mask[i, :, y:y + s, x:x + s] = 1
    return hint, mask


@torch.no_grad()
def validate(model, frames, bins_t, temperature, counts=(0, 10), seed=0, short_side=224):
    """PSNR and colourfulness on DAVIS frames (every 10th of each dev clip) with 0 and 10 revealed 6x6
    patches; 'truth' = the frames' own colourfulness (acceptance: >= 80 % of it without hints)."""
    model.eval()
    out = {'truth': sum(train.colorfulness(f) for f in frames) / len(frames)}
    for count in counts:
        rng = np.random.default_rng(seed)
        total, colourful = 0.0, 0.0
        for fr in frames:
            t = torch.from_numpy(fr).permute(2, 0, 1)[None].double() / 255.0
            lab = rgb_to_lab(t)
            H, W = fr.shape[:2]
            size = model_input_size(H, W, short_side, 8)
            L = resize(lab[:, :1].float(), size)
            ab_small = resize(lab[:, 1:].float(), size)
            hint, mask = simulate_hints(ab_small, rng, sizes=[6], points=count)
            logits = model(L, hint, mask)
            ab = resize(annealed_mean(logits, bins_t, temperature), (H, W)).double()
            rgb = (lab_to_rgb(torch.cat([lab[:, :1], ab], 1))[0].permute(1, 2, 0).numpy() * 255).round()
            total += 10 * math.log10(255 ** 2 / ((rgb - fr) ** 2).mean())
            colourful += train.colorfulness(rgb)
        out[count] = total / len(frames)
        out[f'colourfulness{count}'] = colourful / len(frames)
    model.train()
    return out


def summary(v):
    return (f"PSNR no hints {v[0]:.2f}, 10 hints {v[10]:.2f}; colourfulness {v['colourfulness0']:.1f} / "
            f"{v['colourfulness10']:.1f} (truth {v['truth']:.1f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='../shared/data')
    ap.add_argument('--out', default='build/hints')
    ap.add_argument('--init', help='committed checkpoint to start from when OUT has none')
    ap.add_argument('--minutes', type=float, default=60)
    ap.add_argument('--steps', type=int, default=4000, help='planned steps (cosine learning rate)')
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--crop', type=int, default=128)
    ap.add_argument('--lr', type=float, default=2e-4)
    ap.add_argument('--rebalance', type=float, default=0.75)
    ap.add_argument('--beta', type=float, default=1.0)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--validate-every', type=int, default=500)
    ap.add_argument('--seed', type=int, default=2017)
    ap.add_argument('--distil', type=float, default=0.0,
                    help='weight of a KL term that keeps the no-hint output at the base model\'s (0: off); '
                         'each step then also runs the net and the base model without hints, about twice the time')
    ap.add_argument('--base', help='the exported automatic model (CompactColorNet graph) the hint model starts from '
                    'when there is no checkpoint, and the teacher of --distil; default: the one the checkpoint was '
                    'made from, else models/compact-lab-v1.onnx')
    ap.add_argument('--adapter', metavar='HINT_CHECKPOINT',
                    help='train hint_adapter.CompactHintAdapter instead: the --base model frozen, a hint branch '
                         'started from this hint-net checkpoint ("none": from the base), zero convolutions; '
                         'without hints it is the base model exactly, so --distil is not needed')
    ap.add_argument('--l1-decoded', action='store_true',
                    help="take the L1 term on the a*b* the plugin shows (annealed mean at the manifest's temperature) "
                         'instead of the T = 1 mean; with --beta 20 --rebalance 1 this is the regression stage of '
                         'colorization-pytorch (CE without rebalancing + 10 x (|da| + |db|) / 110; the mean here runs '
                         'over both channels, hence 20)')
    ap.add_argument('--ema', type=float, default=0.0,
                    help='keep an average of the weights (decay, e.g. 0.998) and validate it; the exporter takes it')
    a = ap.parse_args()
    ckpt = os.path.join(a.out, 'checkpoint.pt')
    start = ckpt if os.path.exists(ckpt) else a.init
    state = torch.load(start, map_location='cpu') if start else None
    a.base = (a.base or (state or {}).get('args', {}).get('base')
              or os.path.join(ROOT, 'models', 'compact-lab-v1.onnx'))
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    manifest = json.load(open(a.base[:-len('.onnx')] + '.json'))
    bins = np.array(manifest['output']['bins'], np.float32)
    temperature = manifest['output']['temperature']
    t0 = time.time()
    photos = train.load_photos(a.data)
    stats = os.path.join(a.out, 'ab_stats.npz')
    if os.path.exists(stats):
        prior = np.load(stats)['prior']
    else:
        own_bins, own_prior = train.ab_statistics(photos)
        index = {tuple(b): i for i, b in enumerate(own_bins.tolist())}
        prior = np.array([own_prior[index[tuple(b)]] if tuple(b) in index else 0.0 for b in bins.tolist()])
        prior /= prior.sum()
        np.savez(stats, prior=prior)
    weights_t = torch.from_numpy(train.rebalance_weights(bins, prior, a.rebalance))
    bins_t = torch.from_numpy(bins)
    print(f'{len(photos)} photos, {len(bins)} bins ({manifest["name"]}), {time.time() - t0:.0f} s', flush=True)

    adapter = a.adapter or (state or {}).get('args', {}).get('adapter')
    if adapter:
        hint_state = None
        if not state and adapter != 'none':
            hint_state = torch.load(adapter, map_location='cpu')['model']
        net, _ = hint_adapter.from_models(a.base, hint_state)
        params = net.trainable()
        # what a checkpoint holds and how it is read back: all but the frozen base
        weights, load = hint_adapter.CompactHintAdapter.own_state, hint_adapter.CompactHintAdapter.load_own_state
    else:
        net = CompactHintNet(len(bins)) if state else from_base_model(a.base)
        params = net.parameters()
        weights, load = torch.nn.Module.state_dict, torch.nn.Module.load_state_dict
    if state:
        load(net, state['model'])
    a.adapter = adapter
    opt = torch.optim.Adam(params, lr=a.lr)
    step, seconds, history = 0, 0.0, []
    if state:
        if 'opt' in state:
            opt.load_state_dict(state['opt'])
        step, seconds, history = state['step'], state['seconds'], state['history']
        print(f'resumed from {start}: step {step}, {seconds / 60:.1f} min trained', flush=True)
    else:
        print(f'initialised: {a.base} frozen, hint branch from {adapter}, zero convolutions' if adapter
              else f'initialised from {a.base} (hint weights zero)', flush=True)
    # the averaged weights (Polyak averaging): validated, saved as 'ema', exported when there
    ema = train.WeightAverage(net, a.ema) if a.ema > 0 else None
    if ema is not None and state and 'ema' in state:
        load(ema.model, state['ema'])
    shown = ema.model if ema is not None else net
    val_frames = train.load_validation(a.data)
    teacher = None
    if a.distil > 0:   # the base model itself: the hint model with its hint weights at zero, frozen
        teacher = from_base_model(a.base).eval()
        for q in teacher.parameters():
            q.requires_grad_(False)
    if step == 0:
        v = validate(shown, val_frames, bins_t, temperature)
        print(f'step 0 validation: {summary(v)}', flush=True)
        history.append({'step': 0, 'psnr': v})
    rng = np.random.default_rng(a.seed + step)

    def save():
        extra = {'ema': weights(ema.model)} if ema is not None else {}
        train.atomic_save({'model': weights(net), **extra, 'opt': opt.state_dict(), 'step': step,
                           'seconds': seconds + time.time() - begin, 'history': history, 'args': vars(a)}, ckpt)

    begin = last_save = time.time()
    run = []
    while time.time() - begin < a.minutes * 60 and step < a.steps:
        lr = a.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * step / a.steps)))
        lr *= min(1.0, (step + 1) / 200)   # warm-up: the no-hint behaviour is compact-lab-v1's, keep it
        for g in opt.param_groups:
            g['lr'] = lr
        lab = rgb_to_lab(train.random_batch(photos, rng, a.batch, a.crop))
        hint, mask = simulate_hints(lab[:, 1:], rng)
        ab_small = F.avg_pool2d(lab[:, 1:], 4)
        target, nearest = train.soft_encode(ab_small, bins_t)
        logits = net(lab[:, :1], hint, mask)
        ce = -(target * F.log_softmax(logits, 1)).sum(1) * weights_t[nearest]
        shown_ab = annealed_mean(logits, bins_t, temperature if a.l1_decoded else 1.0)
        loss = ce.mean() + a.beta * (shown_ab - ab_small).abs().mean() / 110.0
        if teacher is not None:   # KL(compact-lab-v1 || net), both without hints
            no_hint, no_mask = torch.zeros_like(hint), torch.zeros_like(mask)
            with torch.no_grad():
                t_log = F.log_softmax(teacher(lab[:, :1], no_hint, no_mask), 1)
            s_log = F.log_softmax(net(lab[:, :1], no_hint, no_mask), 1)
            loss = loss + a.distil * (t_log.exp() * (t_log - s_log)).sum(1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if ema is not None:
            ema.update()
        step += 1
        run.append(loss.item())
        if step % 50 == 0:
            print(f'step {step} loss {np.mean(run):.4f} lr {lr:.2e} {(time.time() - begin) / 60:.1f} min', flush=True)
            run = []
        if step % a.validate_every == 0:
            v = validate(shown, val_frames, bins_t, temperature)
            print(f'step {step} validation: {summary(v)}', flush=True)
            history.append({'step': step, 'psnr': v})
        if time.time() - last_save > 300:
            save()
            last_save = time.time()
    save()
    v = validate(shown, val_frames, bins_t, temperature)
    history.append({'step': step, 'psnr': v})
    save()
    print(f'end: step {step}, validation: {summary(v)}', flush=True)


if __name__ == '__main__':
    main()
