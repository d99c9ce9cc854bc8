#!/usr/bin/env python3
"""Independent reference implementation of CellCRF's randomization list algorithm pbr-v1.

It follows the byte-level description in model/randomization/README.md and shares no
code with the C++ implementation: BLAKE2b comes from Python's hashlib, ChaCha20 is
written here from RFC 8439 section 2.3, and the canonical JSON, the strata and the
permuted blocks are computed again from the description. The test suite runs it
against `cellcrf-cli rand plan` and compares the output byte for byte.

Python 3 standard library only.

    pbr_reference.py plan (--study DIR | --scheme FILE) --list-id ID --per-stratum N
                          --seed-hex HEX [--out FILE]
    pbr_reference.py vectors --check | --write     (tests/data/rand/vectors.json)
    pbr_reference.py primitives                    (ChaCha20 and BLAKE2b on fixed inputs, as JSON)
"""

import argparse
import hashlib
import itertools
import json
import os
import struct
import sys

# ---------------------------------------------------------------- ChaCha20 (RFC 8439)

MASK32 = 0xFFFFFFFF


def _rotl32(value, shift):
    return ((value << shift) & MASK32) | (value >> (32 - shift))


def _quarter_round(state, a, b, c, d):
    state[a] = (state[a] + state[b]) & MASK32
    state[d] = _rotl32(state[d] ^ state[a], 16)
    state[c] = (state[c] + state[d]) & MASK32
    state[b] = _rotl32(state[b] ^ state[c], 12)
    state[a] = (state[a] + state[b]) & MASK32
    state[d] = _rotl32(state[d] ^ state[a], 8)
    state[c] = (state[c] + state[d]) & MASK32
    state[b] = _rotl32(state[b] ^ state[c], 7)


def chacha20_block(key, counter, nonce):
    """The 64-byte ChaCha20 block for a 32-byte key, a 32-bit block counter and a 12-byte nonce."""
    assert len(key) == 32 and len(nonce) == 12 and 0 <= counter <= MASK32
    constants = (0x61707865, 0x3320646E, 0x79622D32, 0x6B206574)  # "expand 32-byte k"
    initial = list(constants) + list(struct.unpack("<8I", key)) + [counter] + list(struct.unpack("<3I", nonce))
    state = list(initial)
    for _ in range(10):  # 20 rounds: a column round and a diagonal round each time
        _quarter_round(state, 0, 4, 8, 12)
        _quarter_round(state, 1, 5, 9, 13)
        _quarter_round(state, 2, 6, 10, 14)
        _quarter_round(state, 3, 7, 11, 15)
        _quarter_round(state, 0, 5, 10, 15)
        _quarter_round(state, 1, 6, 11, 12)
        _quarter_round(state, 2, 7, 8, 13)
        _quarter_round(state, 3, 4, 9, 14)
    return struct.pack("<16I", *((s + i) & MASK32 for s, i in zip(state, initial)))


class WordStream:
    """The keystream under `key` with a zero nonce from block 0, read as little-endian u32 words."""

    def __init__(self, key):
        self._key = key
        self._counter = 0
        self._words = []
        self._next = 0
        self.consumed = 0

    def word(self):
        if self._next == len(self._words):
            self._words = list(struct.unpack("<16I", chacha20_block(self._key, self._counter, bytes(12))))
            self._counter += 1
            self._next = 0
        w = self._words[self._next]
        self._next += 1
        self.consumed += 1
        return w

    def uniform(self, n):
        """A uniform integer in [0, n) by rejection: words at or above the largest multiple of n are skipped."""
        assert 1 <= n <= MASK32
        limit = (1 << 32) - ((1 << 32) % n)
        while True:
            w = self.word()
            if w < limit:
                return w % n


# ---------------------------------------------------------------- hashing and encoding


def enc_str(text):
    data = text.encode("utf-8")
    return struct.pack(">I", len(data)) + data


def u32be(value):
    return struct.pack(">I", value)


def keyed_hash(key, message):
    return hashlib.blake2b(message, digest_size=32, key=key).digest()


def plain_hash(message):
    return hashlib.blake2b(message, digest_size=32).digest()


def _canonical_string(text):
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def canonical_json(value):
    """Compact JSON, object keys sorted by their UTF-8 bytes, integers only, strings unescaped but for
    '"', '\\' and control characters (\\u00xx, lower-case hex)."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not value.is_integer() or abs(value) > 2**53:
            raise ValueError("canonical JSON holds integers only, found %r" % value)
        return str(int(value))
    if isinstance(value, str):
        return _canonical_string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value.keys(), key=lambda k: k.encode("utf-8"))
        return "{" + ",".join(_canonical_string(k) + ":" + canonical_json(value[k]) for k in keys) + "}"
    raise ValueError("not JSON: %r" % (value,))


# ---------------------------------------------------------------- scheme and strata


def load_scheme(study_dir=None, scheme_file=None):
    """(randomization block as loaded, site codes in definition order)."""
    if study_dir is not None:
        with open(os.path.join(study_dir, "study.json"), encoding="utf-8") as f:
            root = json.load(f)
        return root["randomization"], [site["oid"] for site in root["sites"]]
    with open(scheme_file, encoding="utf-8") as f:
        root = json.load(f)
    sites = root.pop("sites")
    return root, list(sites)


def strata(block, sites):
    """Every stratum as (code, rand-number middle), in generation order: the cartesian product of the
    factors in definition order, the site factor's values in site definition order, a mapped factor's
    values in ascending order of their UTF-8 bytes."""
    factors = block["strata"]
    assert factors[0]["source"] == "subject.site", "the first factor is the site"
    choices = []
    for index, factor in enumerate(factors):
        if index == 0:
            choices.append([(factor["factor"], site, site) for site in sites])
        else:
            values = sorted(set(factor["map"].values()), key=lambda v: v.encode("utf-8"))
            choices.append([(factor["factor"], v, factor["short"][v]) for v in values])
    result = []
    for combination in itertools.product(*choices):
        code = "|".join("%s=%s" % (name, value) for name, value, _ in combination)
        middle = "-".join(short for _, _, short in combination)
        result.append((code, middle))
    return result


def generate_stratum(block, seed, list_id, code, middle, per_stratum):
    arms = [(arm["oid"], int(arm["ratio"])) for arm in block["arms"]]
    ratio_sum = sum(r for _, r in arms)
    sizes = [int(s) for s in block["block_sizes"]]
    stratum_key = keyed_hash(seed, enc_str("cellcrf/rand/v1/stratum") + enc_str(list_id) + enc_str(code))
    stream = WordStream(stratum_key)
    slots = []
    block_no = 0
    while len(slots) < per_stratum:
        block_no += 1
        size = sizes[stream.uniform(len(sizes))]
        cells = []
        for oid, ratio in arms:
            cells += [oid] * (size * ratio // ratio_sum)
        for i in range(size - 1, 0, -1):
            j = stream.uniform(i + 1)
            cells[i], cells[j] = cells[j], cells[i]
        for arm in cells:
            seq = len(slots) + 1
            nonce = keyed_hash(
                seed, enc_str("cellcrf/rand/v1/nonce") + enc_str(list_id) + enc_str(code) + u32be(seq))
            commitment = plain_hash(
                enc_str("cellcrf/rand/v1/commit") + enc_str(list_id) + enc_str(code) + u32be(seq) + enc_str(arm)
                + nonce)
            rand_number = "%s-%s-%03d" % (block["list_prefix"], middle, seq)
            slots.append((code, seq, block_no, size, rand_number, arm, commitment.hex()))
    return slots


def plan(block, sites, list_id, per_stratum, seed):
    """(CSV text, seed fingerprint hex, manifest hash hex)."""
    rows = []
    for code, middle in strata(block, sites):
        rows += generate_stratum(block, seed, list_id, code, middle, per_stratum)
    rows.sort(key=lambda r: (r[0].encode("utf-8"), r[1]))
    lines = ["list_id,stratum_code,seq,block_no,block_size,rand_number,arm_oid,commitment_hex\n"]
    manifest = []
    for code, seq, block_no, size, rand_number, arm, commitment in rows:
        lines.append("%s,%s,%d,%d,%d,%s,%s,%s\n" % (list_id, code, seq, block_no, size, rand_number, arm, commitment))
        manifest.append("%s,%d,%s,%s\n" % (code, seq, rand_number, commitment))
    fingerprint = keyed_hash(seed, enc_str("cellcrf/rand/v1/fingerprint")).hex()
    manifest_hash = plain_hash("".join(manifest).encode("utf-8") + canonical_json(block).encode("utf-8")).hex()
    return "".join(lines), fingerprint, manifest_hash


# ---------------------------------------------------------------- commands


def parse_seed(text):
    if len(text) != 64:
        raise ValueError("--seed-hex takes 64 hexadecimal digits")
    return bytes.fromhex(text)


def cmd_plan(args):
    block, sites = load_scheme(args.study, args.scheme)
    csv_text, fingerprint, manifest_hash = plan(block, sites, args.list_id, args.per_stratum, parse_seed(args.seed_hex))
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(csv_text)
    else:
        sys.stdout.write(csv_text)
    sys.stderr.write("seed_fingerprint %s\nmanifest_hash %s\n" % (fingerprint, manifest_hash))
    return 0


def cmd_vectors(args):
    here = os.path.dirname(os.path.abspath(__file__))
    source = os.path.normpath(os.path.join(here, "..", ".."))
    data = os.path.join(source, "tests", "data", "rand")
    with open(os.path.join(data, "vectors.json"), encoding="utf-8") as f:
        vectors = json.load(f)
    status = 0
    for vector in vectors["vectors"]:
        study = os.path.join(source, vector["study"]) if "study" in vector else None
        scheme = os.path.join(source, vector["scheme"]) if "scheme" in vector else None
        block, sites = load_scheme(study, scheme)
        csv_text, fingerprint, manifest_hash = plan(block, sites, vector["list_id"], vector["per_stratum"],
                                                    parse_seed(vector["seed_hex"]))
        path = os.path.join(data, vector["csv"])
        if args.write:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(csv_text)
            vector["seed_fingerprint"] = fingerprint
            vector["manifest_hash"] = manifest_hash
            print("wrote %s" % vector["csv"])
            continue
        with open(path, encoding="utf-8", newline="") as f:
            same = f.read() == csv_text
        same = same and vector.get("seed_fingerprint") == fingerprint and vector.get("manifest_hash") == manifest_hash
        print("%s %s" % ("ok  " if same else "DIFF", vector["name"]))
        status = status if same else 1
    if args.write:
        with open(os.path.join(data, "vectors.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(vectors, f, indent=2, ensure_ascii=False)
            f.write("\n")
    return status


def cmd_primitives(_args):
    """Fixed inputs for the cross-check against libsodium and the library: the RFC 8439 section 2.3.2
    block, the zero-nonce stream the algorithm reads, keyed and plain BLAKE2b-256, uniform(n)."""
    rfc_key = bytes(range(32))
    rfc_nonce = bytes.fromhex("000000090000004a00000000")
    key = bytes((7 * i + 3) & 0xFF for i in range(32))
    message = enc_str("cellcrf/rand/v1/stratum") + enc_str("L-1") + enc_str("site=01|disease_group=relapsed")
    stream = b"".join(chacha20_block(key, counter, bytes(12)) for counter in range(3))
    result = {
        "rfc8439_block_counter1": chacha20_block(rfc_key, 1, rfc_nonce).hex(),
        "zero_nonce_stream_192": stream.hex(),
        "stream_key_hex": key.hex(),
        "message_hex": message.hex(),
        "blake2b_keyed": keyed_hash(key, message).hex(),
        "blake2b_plain": plain_hash(message).hex(),
        "blake2b_plain_empty": plain_hash(b"").hex(),
    }
    words = WordStream(key)
    result["uniform_words"] = [words.uniform(n) for n in (3, 2, 1, 9, 7, 1000000007, 4294967295)]
    result["uniform_consumed"] = words.consumed
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description="pbr-v1 reference implementation")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plan", help="write the plaintext list CSV")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--study", metavar="DIR")
    source.add_argument("--scheme", metavar="FILE")
    p.add_argument("--list-id", required=True)
    p.add_argument("--per-stratum", required=True, type=int)
    p.add_argument("--seed-hex", required=True)
    p.add_argument("--out")
    p.set_defaults(run=cmd_plan)
    v = sub.add_parser("vectors", help="check or rewrite tests/data/rand")
    mode = v.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    v.set_defaults(run=cmd_vectors)
    sub.add_parser("primitives", help="ChaCha20 and BLAKE2b on fixed inputs").set_defaults(run=cmd_primitives)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
