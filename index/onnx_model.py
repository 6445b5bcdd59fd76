"""The embedded default model as an ONNX Runtime graph: exported once (at set-up, else at first use) from the converted
model, offline.

The graph takes the word embeddings rather than token ids: the 250k-row table (384 MB in float32) stays out of the
session in a ``.npy`` whose rows are read as texts need them, so a serving process holds none of it.
Positions are counted inside the graph as for token ids (right padding, masked). The float graph is then quantised
to int8 (ONNX Runtime's dynamic quantisation: weights per output channel, activations per tensor at run time): on
this 2-core machine the corpus's passages took 27-30 CPU s instead of 39 and a query 15 ms instead of 26, at cosine
≥ 0.995 to the float graph's vectors (README).

Beside the graph, a tokenizer over the vocabulary's pieces written in Latin characters (114k of 250k): it loads in a
quarter of the time and holds 210 MB less, and gives the full tokenizer's ids on any text whose normalised
characters are all Latin (:func:`write_latin_tokenizer`); other texts take the full one.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from index.e5_convert import MARKER, ensure_default_model
from planqa.config import Settings

ONNX_DIRNAME = "multilingual-e5-small-q4-onnx-int8"
GRAPH = "encoder-int8.onnx"
EMBEDDINGS = "word_embeddings.npy"
LATIN_TOKENIZER = "tokenizer-latin.json"
LATIN_IDS = "tokenizer-latin-ids.npy"  # the full vocabulary's id of each of the Latin tokenizer's pieces
# Latin letters (Vietnamese's included), combining marks, punctuation, symbols, and the metaspace "▁" (U+2581)
LATIN_TEXT = re.compile("[\x00-\u036f\u1e00-\u1eff\u2000-\u2bff]*")
EXPORTER_VERSION = 2  # bump when the export changes, so existing exports are redone (2: int8, Latin tokenizer)
OPSET = 17
# Matrix products kept in float. Layer 4's feed-forward output alone took the lowest cosine of 590 development
# questions to the float graph from 0.986 to 0.995 (and of the corpus's passages from 0.993 to 0.996) at no
# measurable cost; every feed-forward output in float reached 0.997 for 20% more CPU per query.
FLOAT_MATMULS = ("/model/encoder/layer.4/output/dense/MatMul",)


def export(model_dir: Path, dest: Path) -> None:
    """Write the int8 graph and the word-embedding table of the converted model ``model_dir`` into ``dest``."""
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
    float_graph = dest / "float.onnx"
    with torch.no_grad():
        torch.onnx.export(FromEmbeddings(), (torch.zeros(2, 8, dim), torch.ones(2, 8, dtype=torch.long)),
                          str(float_graph), input_names=["inputs_embeds", "attention_mask"],
                          output_names=["last_hidden_state"], opset_version=OPSET, dynamo=False,
                          dynamic_axes={"inputs_embeds": axes, "attention_mask": axes, "last_hidden_state": axes})
    quantize(float_graph, dest / GRAPH)
    float_graph.unlink()
    write_latin_tokenizer(model_dir / "tokenizer.json", dest)


def quantize(float_graph: Path, dest: Path) -> None:
    """int8 weights per output channel on 7 bits (AVX2's 8-bit products saturate on full-range weights: cosine 0.976
    instead of 0.986), products of two activations and :data:`FLOAT_MATMULS` in float; saved with ONNX Runtime's
    hardware-independent fusions applied, so that a session starts in 0.14 s instead of 0.36 s."""
    import onnx
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    names = {node.name for node in onnx.load(str(float_graph), load_external_data=False).graph.node}
    missing = [name for name in FLOAT_MATMULS if name not in names]
    if missing:
        raise RuntimeError(f"the exported graph has no node {missing[0]!r} to keep in float")
    int8_graph = dest.with_name("int8.onnx")
    quantize_dynamic(str(float_graph), str(int8_graph), weight_type=QuantType.QInt8, per_channel=True,
                     reduce_range=True, nodes_to_exclude=list(FLOAT_MATMULS), extra_options={"MatMulConstBOnly": True})
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(dest)
    onnxruntime.InferenceSession(str(int8_graph), options, providers=["CPUExecutionProvider"])
    int8_graph.unlink()


def write_latin_tokenizer(full: Path, dest: Path) -> None:
    """The tokenizer ``full`` over only its pieces that :data:`LATIN_TEXT` matches, and the lowest-scored piece (the
    unknown character's score derives from it): on a text whose normalised characters are all Latin, Viterbi finds
    the same pieces (no other could match), so the same tokens; their ids map back through :data:`LATIN_IDS`."""
    import numpy as np

    spec = json.loads(full.read_text(encoding="utf-8"))
    vocab = spec["model"]["vocab"]
    lowest = min(range(len(vocab)), key=lambda i: vocab[i][1])
    kept = [i for i, (piece, _) in enumerate(vocab) if LATIN_TEXT.fullmatch(piece) or i == lowest]
    new_id = {old: new for new, old in enumerate(kept)}
    spec["model"]["vocab"] = [vocab[i] for i in kept]
    spec["model"]["unk_id"] = new_id[spec["model"]["unk_id"]]
    for token in spec["added_tokens"]:
        token["id"] = new_id[token["id"]]
    for token in spec["post_processor"]["special_tokens"].values():
        token["ids"] = [new_id[i] for i in token["ids"]]
    (dest / LATIN_TOKENIZER).write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    np.save(dest / LATIN_IDS, np.array(kept, dtype=np.int32))


def _marker(model_dir: Path) -> dict:
    source = json.loads((model_dir / MARKER).read_text(encoding="utf-8"))
    return {**source, "exporter_version": EXPORTER_VERSION}


def _is_current(target: Path, model_dir: Path) -> bool:
    try:
        return (all((target / name).is_file() for name in (GRAPH, EMBEDDINGS, LATIN_TOKENIZER, LATIN_IDS))
                and json.loads((target / MARKER).read_text(encoding="utf-8")) == _marker(model_dir))
    except (OSError, ValueError):
        return False


def ensure_onnx_model(models_dir: Path | None = None) -> Path:
    """The exported folder, exporting first when missing or from another conversion (under a lock, into a temporary
    sibling renamed into place, as :func:`index.e5_convert.ensure_default_model`)."""
    models_dir = Path(models_dir) if models_dir is not None else Settings().models_dir
    model_dir = ensure_default_model(models_dir)
    target = models_dir / ONNX_DIRNAME
    if _is_current(target, model_dir):
        return target
    with open(models_dir / f".{ONNX_DIRNAME}.lock", "w") as lock:
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
