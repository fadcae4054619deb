"""Modelhub's PyTorch trainer: fine-tunes torchvision image classifiers (ResNet, MobileNetV3,
EfficientNet) whose weights are a safetensors file beside a config.json naming the
architecture and labels. It speaks the trainer protocol (ARCHITECTURE.md, "Trainers"):
the job spec as JSON on stdin, JSON lines on stdout (log, split, epoch, progress, done or
error). Weights are read and written as safetensors, never pickle. CUDA when torch sees
a GPU and the job asks for one, otherwise the CPU."""
import io
import json
import math
import os
import sys
import time
import zipfile

import torch
import torchvision
from PIL import Image

ARCHITECTURES = ("resnet18", "resnet34", "resnet50", "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0", "efficientnet_b1")
IMAGE_EXT = (".png", ".jpg", ".jpeg")
DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "I8": torch.int8, "BOOL": torch.bool}
NAMES = {v: k for k, v in DTYPES.items()}


def emit(kind, **fields):
    sys.stdout.write(json.dumps({"type": kind, **fields}) + "\n")
    sys.stdout.flush()


def log(line):
    emit("log", line=line)


class Refused(Exception):
    """Bad input: the job fails for good, with this message."""


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise Refused("model.safetensors is truncated")
    n = int.from_bytes(data[:8], "little")
    if n > min(len(data) - 8, 100 * 2**20):
        raise Refused("model.safetensors has a header larger than the file")
    header = json.loads(data[8:8 + n])
    body = memoryview(data)[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = DTYPES.get(info["dtype"])
        if dtype is None:
            raise Refused(f"tensor {name} has dtype {info['dtype']}, which this trainer does not read")
        start, end = info["data_offsets"]
        if not (0 <= start <= end <= len(body)):
            raise Refused(f"tensor {name} lies outside the file")
        t = torch.frombuffer(bytearray(body[start:end]), dtype=dtype) if end > start else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(info["shape"]).clone()
    return out


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    offset = 0
    chunks = []
    for name, t in tensors.items():
        t = t.detach().to("cpu").contiguous()
        raw = t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.view(torch.int16).numpy().tobytes()
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        chunks.append(raw)
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * ((8 - len(head) % 8) % 8)
    with open(path, "wb") as f:
        f.write(len(head).to_bytes(8, "little"))
        f.write(head)
        for c in chunks:
            f.write(c)


def head_of(model, arch):
    """The final Linear layer of each supported architecture, and how to replace it."""
    if arch.startswith("resnet"):
        return model.fc, lambda layer: setattr(model, "fc", layer)
    last = len(model.classifier) - 1
    return model.classifier[last], lambda layer: model.classifier.__setitem__(last, layer)


def blocks_of(model, arch):
    """The base's blocks from the top: what `unfreeze` counts."""
    if arch.startswith("resnet"):
        return [model.layer4, model.layer3, model.layer2, model.layer1, torch.nn.Sequential(model.conv1, model.bn1)]
    # the classifier's layers below the head come first, then the feature blocks from the top
    return [torch.nn.Sequential(*list(model.classifier)[:-1])] + list(reversed(list(model.features)))


def recalibrate_batchnorm(model, x, idx, device):
    """Running statistics of the trained BatchNorm layers measured over the training data, so
    that evaluation and the published model use the statistics of the weights they have
    (a few batches of momentum leave them far off, worst of all from random weights)."""
    layers = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm) and any(q.requires_grad for q in m.parameters())]
    if not layers:
        return
    saved = [m.momentum for m in layers]
    for m in layers:
        m.reset_running_stats()
        m.momentum = None  # a cumulative average over every batch below
    model.train()
    with torch.no_grad():
        sample = idx[: 128]  # enough for the means and variances of a batch-normalised layer
        for i in range(0, len(sample), 64):
            model(x[sample[i:i + 64]].to(device))
    for m, mom in zip(layers, saved):
        m.momentum = mom


def read_images(path, size, mean, std):
    """A zip with one folder per class; the hub checked it for traversal and bombs before the job started."""
    images, labels = [], []
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.lower().endswith(IMAGE_EXT) and not n.startswith("__MACOSX/")]
        for n in names:
            parts = [p for p in n.split("/") if p]
            if any(p in ("..", ".") for p in parts) or n.startswith("/") or "\\" in n:
                raise Refused(f"unsafe path in the archive: {n[:200]}")
        # one folder per class, optionally under one top folder
        depth = 2 if names and all(len([p for p in n.split("/") if p]) >= 3 for n in names) and len({n.split("/")[0] for n in names}) == 1 else 1
        for n in sorted(names):
            parts = [p for p in n.split("/") if p]
            if len(parts) < depth + 1:
                continue
            with z.open(n) as f:
                img = Image.open(io.BytesIO(f.read())).convert("RGB").resize((size, size), Image.BILINEAR)
            t = torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8).reshape(size, size, 3).permute(2, 0, 1).float() / 255
            images.append((t - torch.tensor(mean).view(3, 1, 1)) / torch.tensor(std).view(3, 1, 1))
            labels.append(parts[depth - 1])
    if not images:
        raise Refused("the archive holds no PNG or JPEG images in class folders")
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise Refused("a classification dataset needs at least two labels")
    return torch.stack(images), torch.tensor([classes.index(l) for l in labels]), classes


def run(spec):
    p = spec["params"]
    torch.manual_seed(p["seed"])
    g = torch.Generator().manual_seed(p["seed"])
    want_gpu = spec["hardware"] == "gpu"
    device = torch.device("cuda" if want_gpu and torch.cuda.is_available() else "cpu")
    if want_gpu and device.type != "cuda":
        raise RuntimeError("this job asks for a GPU and torch sees none here")
    backend = f"{device.type}{' (' + torch.cuda.get_device_name(0) + ')' if device.type == 'cuda' else ''}, torch {torch.__version__}"
    log(f"PyTorch trainer on {backend}")

    base_dir = spec["base"]["dir"]
    with open(os.path.join(base_dir, "config.json")) as f:
        config = json.load(f)
    arch = config.get("architecture")
    if arch not in ARCHITECTURES:
        raise Refused(f"config.json must name an architecture among {', '.join(ARCHITECTURES)} (got {arch!r})")
    base_labels = config.get("labels") or []
    size = int(config.get("image_size", 224))
    mean = config.get("mean", [0.485, 0.456, 0.406])
    std = config.get("std", [0.229, 0.224, 0.225])
    model = getattr(torchvision.models, arch)(weights=None, num_classes=max(1, len(base_labels)))
    state = read_safetensors(os.path.join(base_dir, "model.safetensors"))
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise Refused(f"model.safetensors does not match {arch}: {len(missing)} tensors missing, {len(unexpected)} unexpected (e.g. {(missing + unexpected)[:3]})")
    log(f"Loaded {arch}: {sum(t.numel() for t in state.values()):,} parameters, {len(base_labels)} labels, {size}×{size} input")

    x, y, classes = read_images(spec["dataset"]["path"], size, mean, std)
    log(f"Dataset {spec['dataset']['name']}: {len(y)} images, labels {', '.join(classes)}")
    n = len(y)
    order = torch.randperm(n, generator=g)
    n_val = max(1, math.floor(n * p["validationSplit"])) if p["validationSplit"] > 0 else 0
    if n - n_val < 1:
        raise Refused("not enough examples left to train after the validation split")
    train_idx, val_idx = order[: n - n_val], order[n - n_val:]
    eval_idx = val_idx if n_val else train_idx
    emit("split", trainLabels=y[train_idx].tolist(), evalLabels=y[eval_idx].tolist(), split="validation" if n_val else "training", classNames=classes)

    old, replace = head_of(model, arch)
    replace(torch.nn.Linear(old.in_features, len(classes)))
    for q in model.parameters():
        q.requires_grad = False
    trainable = [head_of(model, arch)[0]] + blocks_of(model, arch)[: p["unfreeze"]]
    for m in trainable:
        for q in m.parameters():
            q.requires_grad = True
    log(f"Training the new head{' and the top ' + str(p['unfreeze']) + ' block(s)' if p['unfreeze'] else ' (the base frozen)'}")
    model.to(device)
    opt = torch.optim.Adam([q for q in model.parameters() if q.requires_grad], lr=p["learningRate"])
    loss_fn = torch.nn.CrossEntropyLoss()

    def evaluate(idx):
        model.eval()
        total, correct, loss = 0, 0, 0.0
        with torch.no_grad():
            for i in range(0, len(idx), 256):
                b = idx[i:i + 256]
                out = model(x[b].to(device))
                loss += loss_fn(out, y[b].to(device)).item() * len(b)
                correct += (out.argmax(1).cpu() == y[b]).sum().item()
                total += len(b)
        return loss / max(1, total), correct / max(1, total)

    for epoch in range(1, p["epochs"] + 1):
        model.train()
        # a frozen BatchNorm keeps its running statistics
        for m in model.modules():
            if isinstance(m, torch.nn.modules.batchnorm._BatchNorm) and not any(q.requires_grad for q in m.parameters()):
                m.eval()
        t0 = time.time()
        perm = train_idx[torch.randperm(len(train_idx), generator=g)]
        seen, correct, loss_sum = 0, 0, 0.0
        for i in range(0, len(perm), p["batchSize"]):
            b = perm[i:i + p["batchSize"]]
            xb, yb = x[b].to(device), y[b].to(device)
            opt.zero_grad()
            out = model(xb)
            loss = loss_fn(out, yb)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(b)
            correct += (out.argmax(1) == yb).sum().item()
            seen += len(b)
            emit("progress", fraction=((epoch - 1) + seen / len(perm)) / p["epochs"])
        if n_val:
            recalibrate_batchnorm(model, x, train_idx, device)  # what the evaluation below reads
        seconds = time.time() - t0
        val_loss, val_acc = evaluate(val_idx) if n_val else (None, None)
        emit("epoch", epoch=epoch, loss=loss_sum / seen, acc=correct / seen, valLoss=val_loss, valAcc=val_acc, seconds=seconds, samplesPerSecond=seen / max(seconds, 1e-9))

    if not n_val:
        recalibrate_batchnorm(model, x, train_idx, device)  # what the published model reads
    out_dir = spec["output"]
    model.to("cpu")
    write_safetensors(os.path.join(out_dir, "model.safetensors"), model.state_dict(), {"format": "pt", "architecture": arch})
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump({"architecture": arch, "labels": classes, "image_size": size, "mean": mean, "std": std, "library": "torchvision"}, f, indent=2)
    emit("done", classNames=classes, trainSamples=int(len(train_idx)), valSamples=int(n_val), backend=backend)


def main():
    spec = json.load(sys.stdin)
    if spec.get("protocol") != 1:
        emit("error", message="unknown trainer protocol version", refused=True)
        return 2
    try:
        run(spec)
        return 0
    except Refused as e:
        emit("error", message=str(e), refused=True)
        return 2
    except Exception as e:  # noqa: BLE001 — reported to the job, which may retry
        emit("error", message=f"{type(e).__name__}: {e}"[:1000], refused=False)
        return 1


if __name__ == "__main__":
    sys.exit(main())
