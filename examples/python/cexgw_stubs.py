"""Generates the Python code of cexgw.v1 from ../../protos at run time (grpcio-tools ships protoc).

    import cexgw_stubs
    cexgw_stubs.generate()          # then: from cexgw.v1 import market_data_pb2, ...

Nothing generated is committed: the .proto files are the only source of the API.
"""
import glob
import os
import sys
import tempfile

from grpc_tools import protoc

PROTOS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protos"))


def generate(out_dir=None):
    out_dir = out_dir or tempfile.mkdtemp(prefix="cexgw-py-")
    files = sorted(os.path.relpath(f, PROTOS) for f in glob.glob(os.path.join(PROTOS, "cexgw", "v1", "*.proto")))
    args = ["protoc", f"-I{PROTOS}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}", *files]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    sys.path.insert(0, out_dir)
    return out_dir
