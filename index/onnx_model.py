"""The embedded default model as an ONNX Runtime graph: exported once (at set-up, else at first use) from the converted
model, offline.

The graph takes the word embeddings rather than token ids: the 250k-row table (384 MB in float32) stays out of the
session in a memory-mapped ``.npy``, looked up by numpy, so a serving process holds only the rows its texts touch.
Positions are counted inside the graph as for token ids (right padding, masked), so the vectors equal the converted
model's (cosine ≥ 0.9999).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path

from index.e5_convert import MARKER, ensure_default_model

ONNX_DIRNAME = "multilingual-e5-small-q4-onnx"
GRAPH = "encoder.onnx"
EMBEDDINGS = "word_embeddings.npy"
EXPORTER_VERSION = 1  # bump when the export changes, so existing exports are redone
OPSET = 17


def export(model_dir: Path, dest: Path) -> None:
    """Write the graph and the word-embedding table of the converted model ``model_dir`` into ``dest``."""
    import numpy as np
    import torch
    from transformers import XLMRobertaModel

    model = XLMRobertaModel.from_pretrained(str(model_dir), add_pooling_layer=False,
                                            attn_implementation="eager").eval()

    class FromEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, inputs_embeds, attention_mask):
            return self.model(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state

    np.save(dest / EMBEDDINGS, model.embeddings.word_embeddings.weight.detach().numpy().astype(np.float32))
    dim = model.config.hidden_size
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(FromEmbeddings(), (torch.zeros(2, 8, dim), torch.ones(2, 8, dtype=torch.long)),
                          str(dest / GRAPH), input_names=["inputs_embeds", "attention_mask"],
                          output_names=["last_hidden_state"], opset_version=OPSET, dynamo=False,
                          dynamic_axes={"inputs_embeds": axes, "attention_mask": axes, "last_hidden_state": axes})


def _marker(model_dir: Path) -> dict:
    source = json.loads((model_dir / MARKER).read_text(encoding="utf-8"))
    return {**source, "exporter_version": EXPORTER_VERSION}


def _is_current(target: Path, model_dir: Path) -> bool:
    try:
        return (all((target / name).is_file() for name in (GRAPH, EMBEDDINGS))
                and json.loads((target / MARKER).read_text(encoding="utf-8")) == _marker(model_dir))
    except (OSError, ValueError):
        return False


def ensure_onnx_model(models_dir: Path) -> Path:
    """The exported folder, exporting first when missing or from another conversion (under a lock, into a temporary
    sibling renamed into place, as :func:`index.e5_convert.ensure_default_model`)."""
    model_dir = ensure_default_model(models_dir)
    target = Path(models_dir) / ONNX_DIRNAME
    if _is_current(target, model_dir):
        return target
    with open(Path(models_dir) / f".{ONNX_DIRNAME}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _is_current(target, model_dir):
            return target
        work = Path(tempfile.mkdtemp(prefix=f".{ONNX_DIRNAME}.", suffix=".tmp", dir=models_dir))
        try:
            export(model_dir, work)
            (work / MARKER).write_text(json.dumps(_marker(model_dir)), encoding="utf-8")
            work.chmod(0o755)
            if target.exists():
                shutil.rmtree(target)
            os.replace(work, target)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return target
