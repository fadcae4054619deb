"""Builds a torchvision image classifier with seeded random weights, as safetensors and a
config.json: the seeded PyTorch base of a fresh hub (so the PyTorch fine-tuning path can be
tried without downloading anything). Usage: random_torchvision_model.py ARCH SIZE OUT_DIR LABEL..."""
import json
import os
import sys

import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_image import ARCHITECTURES, write_safetensors  # noqa: E402


def main():
    arch, size, out, labels = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    if arch not in ARCHITECTURES or not labels:
        print(f"usage: {sys.argv[0]} ARCH SIZE OUT_DIR LABEL...", file=sys.stderr)
        return 2
    torch.manual_seed(42)
    model = getattr(torchvision.models, arch)(weights=None, num_classes=len(labels))
    write_safetensors(os.path.join(out, "model.safetensors"), model.state_dict(), {"format": "pt", "architecture": arch})
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"architecture": arch, "labels": labels, "image_size": size, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "library": "torchvision"}, f, indent=2)
    print(json.dumps({"parameters": sum(t.numel() for t in model.state_dict().values())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
