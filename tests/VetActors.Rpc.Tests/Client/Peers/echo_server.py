#!/usr/bin/env python3
"""An independent gRPC peer for the client channel tests: grpcio serving EchoService.

Usage: echo_server.py PROTO_FILE
Compiles PROTO_FILE with grpc_tools.protoc into a temporary directory, serves it on 127.0.0.1 on a
free port, prints "PORT <n>" and serves until standard input closes.

Request metadata drives the behaviour:
  x-initial-*            echoed back as initial (response header) metadata
  x-trailing-*           echoed back as trailing metadata
  x-status               the status code to end the call with
  x-status-message-bin   its message (UTF-8), any characters
  x-response-compression compress responses with this algorithm (gzip or deflate)
  x-wait-for-cancel      block until the client cancels (or its deadline passes)
"""
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent import futures

import grpc


def compile_proto(proto_path):
    out = tempfile.mkdtemp(prefix="vetactors-echo-")
    include = os.path.dirname(os.path.abspath(proto_path))
    subprocess.check_call([sys.executable, "-m", "grpc_tools.protoc", "-I" + include,
                           "--python_out=" + out, "--grpc_python_out=" + out, os.path.abspath(proto_path)])
    sys.path.insert(0, out)
    name = os.path.splitext(os.path.basename(proto_path))[0]
    return out, importlib.import_module(name + "_pb2"), importlib.import_module(name + "_pb2_grpc")


COMPRESSION = {"gzip": grpc.Compression.Gzip, "deflate": grpc.Compression.Deflate}


def make_servicer(pb2, pb2_grpc):
    class Echo(pb2_grpc.EchoServiceServicer):
        def _begin(self, context):
            md = list(context.invocation_metadata())
            initial = [(k, v) for k, v in md if k.startswith("x-initial-")]
            remaining = context.time_remaining()
            if remaining is not None:
                initial.append(("x-time-remaining", "%d" % int(remaining)))
            if initial:
                context.send_initial_metadata(initial)
            trailing = [(k, v) for k, v in md if k.startswith("x-trailing-")]
            if trailing:
                context.set_trailing_metadata(trailing)
            meta = dict(md)
            if meta.get("x-response-compression") in COMPRESSION:
                context.set_compression(COMPRESSION[meta["x-response-compression"]])
            if "x-wait-for-cancel" in meta:
                done = threading.Event()
                context.add_callback(done.set)
                done.wait(600)
            return meta

        def _end(self, meta, context):
            if "x-status" in meta:
                context.set_code(grpc.StatusCode(_code(int(meta["x-status"]))))
                message = meta.get("x-status-message-bin", b"")
                context.set_details(message.decode("utf-8"))

        def _text(self, meta, request):
            return request.text * max(request.repeat, 1)

        def Echo(self, request, context):
            meta = self._begin(context)
            self._end(meta, context)
            return pb2.EchoReply(text=self._text(meta, request))

        def Collect(self, request_iterator, context):
            meta = self._begin(context)
            texts = [self._text(meta, r) for r in request_iterator]
            self._end(meta, context)
            return pb2.EchoReply(text=",".join(texts))

        def Expand(self, request, context):
            meta = self._begin(context)
            for i in range(request.repeat):
                yield pb2.EchoReply(text="%d:%s" % (i, request.text))
            self._end(meta, context)

        def Chat(self, request_iterator, context):
            meta = self._begin(context)
            for r in request_iterator:
                yield pb2.EchoReply(text=self._text(meta, r))
            self._end(meta, context)

    return Echo()


def _code(value):
    for code in grpc.StatusCode:
        if code.value[0] == value:
            return code.value
    return grpc.StatusCode.UNKNOWN.value


def main():
    out, pb2, pb2_grpc = compile_proto(sys.argv[1])
    # The stream limit Kestrel also uses, so that more than 100 concurrent calls need a second connection.
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=600),
                         options=[("grpc.max_concurrent_streams", 100)])
    pb2_grpc.add_EchoServiceServicer_to_server(make_servicer(pb2, pb2_grpc), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print("PORT %d" % port, flush=True)
    try:
        sys.stdin.read()
    finally:
        server.stop(0)
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
