#!/usr/bin/python3
"""grpc.testing.TestService served by Debian's python3-grpcio, an independent reference server.

Usage: /usr/bin/python3 interop_server.py --port=PORT   (0 picks a free port)
Prints "listening on PORT" once it accepts calls, then serves until killed.

Follows doc/interop-test-descriptions.md: zero-filled payloads of the requested size, Echo Status,
Echo Metadata, response compression per request, interval_us pauses. grpcio does not tell a handler
whether a request message arrived compressed, so this server cannot check expect_compressed; it
rejects nothing on that ground (clients' compression probes are therefore not run against it).
"""

import argparse
import os
import sys
import time
from concurrent import futures

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_protos  # noqa: E402

messages_pb2, empty_pb2, test_pb2_grpc = interop_protos.load_test_service()

ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"


def _payload(size):
    if size < 0:
        raise ValueError("negative size")
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=bytes(size))


def _echo_metadata(context):
    initial = []
    trailing = []
    for key, value in context.invocation_metadata():
        if key == ECHO_INITIAL:
            initial.append((key, value))
        elif key == ECHO_TRAILING:
            trailing.append((key, value))
    if initial:
        context.send_initial_metadata(initial)
    if trailing:
        context.set_trailing_metadata(trailing)


def _echo_status(context, status):
    if status is not None and status.code != 0:
        code = next(c for c in grpc.StatusCode if c.value[0] == status.code)
        context.abort(code, status.message)


class TestService(test_pb2_grpc.TestServiceServicer):
    def EmptyCall(self, request, context):
        _echo_metadata(context)
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        _echo_metadata(context)
        if request.HasField("response_status"):
            _echo_status(context, request.response_status)
        if request.response_compressed.value:
            context.set_compression(grpc.Compression.Gzip)
        else:
            context.set_compression(grpc.Compression.NoCompression)
        return messages_pb2.SimpleResponse(payload=_payload(request.response_size))

    CacheableUnaryCall = UnaryCall

    def _stream_responses(self, request, context, first):
        if first:
            context.set_compression(grpc.Compression.Gzip)
        for params in request.response_parameters:
            if params.interval_us > 0:
                time.sleep(params.interval_us / 1e6)
            if not params.compressed.value:
                context.disable_next_message_compression()
            yield messages_pb2.StreamingOutputCallResponse(payload=_payload(params.size))

    def StreamingOutputCall(self, request, context):
        _echo_metadata(context)
        yield from self._stream_responses(request, context, True)
        if request.HasField("response_status"):
            _echo_status(context, request.response_status)

    def StreamingInputCall(self, request_iterator, context):
        _echo_metadata(context)
        total = 0
        for request in request_iterator:
            total += len(request.payload.body)
        return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=total)

    def FullDuplexCall(self, request_iterator, context):
        _echo_metadata(context)
        first = True
        for request in request_iterator:
            if request.HasField("response_status"):
                _echo_status(context, request.response_status)
            yield from self._stream_responses(request, context, first)
            first = False

    def HalfDuplexCall(self, request_iterator, context):
        _echo_metadata(context)
        requests = list(request_iterator)
        first = True
        for request in requests:
            yield from self._stream_responses(request, context, first)
            first = False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    port = server.add_insecure_port(f"127.0.0.1:{args.port}")
    if port == 0:
        print(f"could not bind 127.0.0.1:{args.port}", file=sys.stderr)
        return 1
    server.start()
    print(f"listening on {port}", flush=True)

    server.wait_for_termination()
    return 0


if __name__ == "__main__":
    sys.exit(main())
