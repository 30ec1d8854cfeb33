"""Compiles the interop protos for python3-grpcio at run time and imports the generated modules.

The protos are the ones the C# interop server compiles (tests/InteropServer/Protos), so both sides
always agree. Their proto package is grpc.testing, which as a Python package would collide with
grpcio's own `grpc` package; the files are therefore copied flat into a temporary folder with their
imports rewritten, which changes module names only, never the names on the wire.
"""

import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
INTEROP_PROTOS = os.path.normpath(os.path.join(HERE, "..", "..", "InteropServer", "Protos"))
# Health and reflection: the very files the server compiles (src/Rpc/Protos), so both sides agree.
EXTRA_PROTOS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "src", "Rpc", "Protos"))

_IMPORT = re.compile(r'^import\s+"([^"]+)";', re.MULTILINE)


def _flat_name(path):
    return path.replace("/", "_")


def load(*proto_paths):
    """Compiles the given proto files (paths relative to a proto root) and returns their modules.

    Returns a dict mapping each given path to a pair (messages module, grpc module).
    """
    out = tempfile.mkdtemp(prefix="vetactors-interop-py-")
    pending = list(proto_paths)
    copied = set()
    while pending:
        rel = pending.pop()
        if rel in copied:
            continue
        source = None
        for root in (INTEROP_PROTOS, EXTRA_PROTOS):
            candidate = os.path.join(root, rel)
            if os.path.exists(candidate):
                source = candidate
                break
        if source is None:
            raise FileNotFoundError(f"proto {rel} not found under {INTEROP_PROTOS} or {EXTRA_PROTOS}")
        with open(source, encoding="utf-8") as f:
            text = f.read()
        pending.extend(_IMPORT.findall(text))
        text = _IMPORT.sub(lambda m: f'import "{_flat_name(m.group(1))}";', text)
        with open(os.path.join(out, _flat_name(rel)), "w", encoding="utf-8") as f:
            f.write(text)
        copied.add(rel)

    args = [sys.executable, "-m", "grpc_tools.protoc", f"-I{out}", f"--python_out={out}",
            f"--grpc_python_out={out}"] + sorted(_flat_name(p) for p in copied)
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"grpc_tools.protoc failed ({result.returncode}): {result.stderr}")

    sys.path.insert(0, out)
    modules = {}
    for rel in proto_paths:
        base = _flat_name(rel)[: -len(".proto")]
        modules[rel] = (importlib.import_module(base + "_pb2"), importlib.import_module(base + "_pb2_grpc"))
    shutil.rmtree(out, ignore_errors=True)  # modules are loaded; the folder is no longer needed
    return modules


def load_test_service():
    """Returns (messages_pb2, empty_pb2, test_pb2_grpc) for grpc.testing."""
    mods = load("grpc/testing/test.proto", "grpc/testing/messages.proto", "grpc/testing/empty.proto")
    return (mods["grpc/testing/messages.proto"][0], mods["grpc/testing/empty.proto"][0],
            mods["grpc/testing/test.proto"][1])
