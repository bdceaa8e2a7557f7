"""The WebAssembly features a module uses, read from its binary: what a browser must support to run the
shipped Pyodide. The wizard tests exactly these before it downloads anything (wizard/src/app/where.js,
with wasm-feature-detect), so an older engine is told at once, and an upgrade of Pyodide that needs a
newer feature changes the test by itself.

    python -m build_scripts.wizard.wasm_features wizard/node_modules/pyodide/pyodide.asm.wasm

Feature names are wasm-feature-detect's (the npm package the page tests them with). Every instruction of
every function body is decoded (immediates included), so an opcode is never read from inside another's
operand; a prefix whose sub-opcodes are not decoded here (GC, SIMD, atomics) is recorded and the rest of
that function skipped.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path


class WasmError(ValueError):
    """Not a WebAssembly module this reader understands."""


class _Reader:
    def __init__(self, data: bytes, pos: int = 0, end: int | None = None):
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def byte(self) -> int:
        if self.pos >= self.end:
            raise WasmError("unexpected end")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def u(self) -> int:
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return result

    def s(self) -> int:
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return result - (1 << shift) if b & 0x40 else result

    def skip(self, n: int) -> None:
        self.pos += n

    def name(self) -> str:
        n = self.u()
        text = self.data[self.pos : self.pos + n].decode("utf-8", "replace")
        self.pos += n
        return text


VALTYPES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128"}
REF_SHORTHANDS = set(range(0x69, 0x75))  # funcref, externref, exnref and the GC shorthands


def _valtype(r: _Reader, found: set[str]) -> str:
    t = r.byte()
    if t in VALTYPES:
        if t == 0x7B:
            found.add("simd")
        return VALTYPES[t]
    if t in (0x63, 0x64):  # (ref null ht), (ref ht)
        found.add("referenceTypes")
        r.s()
        return "ref"
    if t in REF_SHORTHANDS:
        found.add("referenceTypes")
        if t == 0x69:
            found.add("exceptionsFinal")  # exnref
        return "ref"
    raise WasmError(f"unknown value type 0x{t:02x}")


def _blocktype(r: _Reader, found: set[str], types: list) -> None:
    t = r.data[r.pos]
    if t == 0x40:
        r.pos += 1
    elif t in VALTYPES or t in REF_SHORTHANDS or t in (0x63, 0x64):
        _valtype(r, found)
    else:
        index = r.s()
        if 0 <= index < len(types) and (len(types[index][0]) or len(types[index][1]) > 1):
            found.add("multiValue")


def _memarg(r: _Reader, found: set[str]) -> None:
    align = r.u()
    if align & 0x40:
        found.add("multiMemory")
        r.u()
    r.u()


# Opcodes without immediates, and those with one LEB index (label, function, local, global, table, tag).
PLAIN = {0x00, 0x01, 0x05, 0x0B, 0x0F, 0x1A, 0x1B, 0x0A, 0x19, 0xD1, 0xD3, 0xD4} | set(range(0x45, 0xC5))
ONE_INDEX = {0x0C, 0x0D, 0x10, 0x12, 0x14, 0x15, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x07, 0x08, 0x09, 0x18, 0xD2, 0xD5, 0xD6}
FEATURE_OF = {
    0x06: "exceptions",
    0x07: "exceptions",
    0x08: "exceptions",
    0x09: "exceptions",
    0x18: "exceptions",
    0x19: "exceptions",
    0x1F: "exceptionsFinal",
    0x0A: "exceptionsFinal",
    0x12: "tailCall",
    0x13: "tailCall",
    0x15: "tailCall",
    0x14: "typedFunctionReferences",
    0x1C: "referenceTypes",
    0x25: "referenceTypes",
    0x26: "referenceTypes",
    0xD0: "referenceTypes",
    0xD1: "referenceTypes",
    0xD2: "referenceTypes",
    0xD3: "gc",
    0xD4: "typedFunctionReferences",
    0xD5: "typedFunctionReferences",
    0xD6: "typedFunctionReferences",
    **{op: "signExtensions" for op in range(0xC0, 0xC5)},
}


def _body(r: _Reader, found: set[str], types: list) -> None:
    """One function body's instructions, to its end."""
    for _ in range(r.u()):  # locals
        r.u()
        _valtype(r, found)
    while r.pos < r.end:
        op = r.byte()
        if op in FEATURE_OF:
            found.add(FEATURE_OF[op])
        if op in PLAIN:
            continue
        if op in ONE_INDEX:
            r.u()
        elif op in (0x02, 0x03, 0x04, 0x06):
            _blocktype(r, found, types)
        elif op == 0x1F:  # try_table
            _blocktype(r, found, types)
            for _ in range(r.u()):
                kind = r.byte()
                if kind in (0, 1):
                    r.u()
                r.u()
        elif op == 0x0E:  # br_table
            for _ in range(r.u() + 1):
                r.u()
        elif op in (0x11, 0x13):  # call_indirect, return_call_indirect: type, table
            r.u()
            if r.u() != 0:
                found.add("referenceTypes")
        elif op == 0x1C:  # select t*
            for _ in range(r.u()):
                _valtype(r, found)
        elif 0x28 <= op <= 0x3E:
            _memarg(r, found)
        elif op in (0x3F, 0x40):
            if r.u() != 0:
                found.add("multiMemory")
        elif op == 0x41:
            r.s()
        elif op == 0x42:
            r.s()
        elif op == 0x43:
            r.skip(4)
        elif op == 0x44:
            r.skip(8)
        elif op == 0xD0:
            r.s()
        elif op == 0xFC:
            sub = r.u()
            if sub <= 7:
                found.add("saturatedFloatToInt")
            elif sub in (8, 9, 10, 11, 12, 13, 14):
                found.add("bulkMemory")
                if sub in (8, 12, 14):
                    r.u(), r.u()
                elif sub == 10:
                    r.u(), r.u()
                else:
                    r.u()
            elif sub in (15, 16, 17):
                found.add("referenceTypes")
                r.u()
            else:
                found.add(f"0xfc {sub}")
                return
        elif op in (0xFB, 0xFD, 0xFE):
            found.add({0xFB: "gc", 0xFD: "simd", 0xFE: "threads"}[op])
            return  # not decoded here: skip the rest of this function
        else:
            raise WasmError(f"unknown opcode 0x{op:02x} at {r.pos - 1}")


def features(data: bytes) -> list[str]:
    """wasm-feature-detect's names of the features the module ``data`` uses, sorted."""
    if data[:4] != b"\0asm" or struct.unpack("<I", data[4:8])[0] != 1:
        raise WasmError("not a WebAssembly module (version 1)")
    found: set[str] = set()
    types: list[tuple[list[str], list[str]]] = []
    imported_funcs: list[int] = []
    func_types: list[int] = []
    exports: list[tuple[int, int]] = []
    r = _Reader(data, 8)
    while r.pos < len(data):
        section = r.byte()
        size = r.u()
        s = _Reader(data, r.pos, r.pos + size)
        r.pos += size
        if section == 1:  # types
            for _ in range(s.u()):
                form = s.byte()
                if form != 0x60:
                    found.add("gc")
                    break
                params = [_valtype(s, found) for _ in range(s.u())]
                results = [_valtype(s, found) for _ in range(s.u())]
                if len(results) > 1:
                    found.add("multiValue")
                types.append((params, results))
        elif section == 2:  # imports
            for _ in range(s.u()):
                s.name(), s.name()
                kind = s.byte()
                if kind == 0:
                    imported_funcs.append(s.u())
                elif kind == 1:
                    _valtype(s, found)
                    _limits(s, found)
                elif kind == 2:
                    _limits(s, found)
                elif kind == 3:
                    _valtype(s, found)
                    if s.byte() & 1:
                        found.add("mutableGlobals")
                elif kind == 4:
                    s.byte(), s.u()
                    found.add("exceptions")
        elif section == 3:  # functions
            func_types = [s.u() for _ in range(s.u())]
        elif section == 7:  # exports
            for _ in range(s.u()):
                s.name()
                kind = s.byte()
                exports.append((kind, s.u()))
        elif section == 13:  # tags
            found.add("exceptions")
        elif section == 10:  # code
            for _ in range(s.u()):
                n = s.u()
                _body(_Reader(data, s.pos, s.pos + n), found, types)
                s.pos += n
    # i64 across the JS boundary (an imported or exported function) needs the BigInt integration.
    all_funcs = imported_funcs + func_types
    boundary = imported_funcs + [all_funcs[i] for kind, i in exports if kind == 0 and i < len(all_funcs)]
    if any("i64" in types[t][0] + types[t][1] for t in boundary if t < len(types)):
        found.add("bigInt")
    return sorted(found)


def _limits(s: _Reader, found: set[str]) -> None:
    flags = s.byte()
    if flags & 4:
        found.add("memory64")
    if flags & 2:
        found.add("threads")
    s.u()
    if flags & 1:
        s.u()


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    for path in args:
        print(path, " ".join(features(Path(path).read_bytes())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
