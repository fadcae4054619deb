"""bench/train's bare PyTorch loop: what a user's own script would do with the same base,
data and parameters (read the zip, build the model from safetensors, train, save), with
none of the hub around it. Prints the seconds it took as JSON."""
import time

T0 = time.time()  # the whole script, imports included, as the worker's job is timed whole

import io  # noqa: E402
import json
import os  # noqa: E402
import sys  # noqa: E402
import zipfile  # noqa: E402

import torch  # noqa: E402
import torchvision  # noqa: E402
from PIL import Image  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "workers", "trainers"))
from pytorch_image import read_safetensors, write_safetensors  # noqa: E402


def main():
    base, data, out, epochs, batch, lr, device = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
    torch.manual_seed(1)
    config = json.load(open(os.path.join(base, "config.json")))
    size = config["image_size"]
    xs, ys = [], []
    with zipfile.ZipFile(data) as z:
        for n in sorted(z.namelist()):
            if n.endswith(".png"):
                img = Image.open(io.BytesIO(z.read(n))).convert("RGB").resize((size, size), Image.BILINEAR)
                xs.append(torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8).reshape(size, size, 3).permute(2, 0, 1).float() / 255)
                ys.append(n.split("/")[0])
    classes = sorted(set(ys))
    x = (torch.stack(xs) - torch.tensor(config["mean"]).view(1, 3, 1, 1)) / torch.tensor(config["std"]).view(1, 3, 1, 1)
    y = torch.tensor([classes.index(c) for c in ys])
    model = getattr(torchvision.models, config["architecture"])(weights=None, num_classes=len(config["labels"]))
    model.load_state_dict(read_safetensors(os.path.join(base, "model.safetensors")))
    model.classifier[-1] = torch.nn.Linear(model.classifier[-1].in_features, len(classes))
    model.to(device).train()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(epochs):
        perm = torch.randperm(len(y))
        for i in range(0, len(y), batch):
            b = perm[i:i + batch]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x[b].to(device)), y[b].to(device))
            loss.backward()
            opt.step()
    write_safetensors(os.path.join(out, "model.safetensors"), model.to("cpu").state_dict(), {"format": "pt"})
    print(json.dumps({"seconds": time.time() - T0}))


if __name__ == "__main__":
    main()
