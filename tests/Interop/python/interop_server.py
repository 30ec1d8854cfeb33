#!/usr/bin/python3
"""grpc.testing.TestService served by Debian's python3-grpcio, an independent reference server.

Usage: /usr/bin/python3 interop_server.py --port=PORT   (0 picks a free port)
Prints "listening on PORT" once it accepts calls, then serves until killed.

Follows doc/interop-test-descriptions.md: zero-filled payloads of the requested size, Echo Status,
Echo Metadata, response compression per request, interval_us pauses. It also serves grpc.health.v1
and server reflection (v1 and v1alpha), so that the health/reflection client can be checked against it. grpcio does not tell a handler
whether a request message arrived compressed, so this server cannot check expect_compressed; it
rejects nothing on that ground (clients' compression probes are therefore not run against it).
"""

import argparse
import os
import sys
import time
from concurrent import futures

import threading

import grpc
from google.protobuf import descriptor_pool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_protos  # noqa: E402

_MODULES = interop_protos.load(
    "grpc/testing/test.proto", "grpc/testing/messages.proto", "grpc/testing/empty.proto",
    "grpc/health/v1/health.proto", "grpc/reflection/v1alpha/reflection.proto",
    "grpc/reflection/v1/reflection.proto")
test_pb2, test_pb2_grpc = _MODULES["grpc/testing/test.proto"]
messages_pb2 = _MODULES["grpc/testing/messages.proto"][0]
empty_pb2 = _MODULES["grpc/testing/empty.proto"][0]
health_pb2, health_pb2_grpc = _MODULES["grpc/health/v1/health.proto"]

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


SERVICES = ["grpc.testing.TestService", "grpc.health.v1.Health",
            "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"]


class HealthService(health_pb2_grpc.HealthServicer):
    def _status(self, service):
        return health_pb2.HealthCheckResponse.SERVING if service in ("", *SERVICES) else None

    def Check(self, request, context):
        status = self._status(request.service)
        if status is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"unknown service {request.service}")
        return health_pb2.HealthCheckResponse(status=status)

    def Watch(self, request, context):
        status = self._status(request.service)
        yield health_pb2.HealthCheckResponse(
            status=health_pb2.HealthCheckResponse.SERVICE_UNKNOWN if status is None else status)
        # Statuses never change here: hold the stream open until the client leaves.
        done = threading.Event()
        context.add_callback(done.set)
        done.wait()


def _files_with_dependencies(file_descriptor):
    ordered = []
    seen = set()

    def visit(fd):
        if fd.name in seen:
            return
        seen.add(fd.name)
        ordered.append(fd.serialized_pb)
        for dependency in fd.dependencies:
            visit(dependency)

    visit(file_descriptor)
    return ordered


def reflection_servicer(version):
    pb2, pb2_grpc = _MODULES[f"grpc/reflection/{version}/reflection.proto"]
    pool = descriptor_pool.Default()

    class ReflectionService(pb2_grpc.ServerReflectionServicer):
        def ServerReflectionInfo(self, request_iterator, context):
            for request in request_iterator:
                response = pb2.ServerReflectionResponse(valid_host=request.host, original_request=request)
                kind = request.WhichOneof("message_request")
                try:
                    if kind == "list_services":
                        response.list_services_response.service.extend(
                            pb2.ServiceResponse(name=name) for name in SERVICES)
                    elif kind == "file_by_filename":
                        fd = pool.FindFileByName(request.file_by_filename)
                        response.file_descriptor_response.file_descriptor_proto.extend(_files_with_dependencies(fd))
                    elif kind == "file_containing_symbol":
                        fd = pool.FindFileContainingSymbol(request.file_containing_symbol)
                        response.file_descriptor_response.file_descriptor_proto.extend(_files_with_dependencies(fd))
                    else:
                        response.error_response.error_code = grpc.StatusCode.UNIMPLEMENTED.value[0]
                        response.error_response.error_message = f"{kind} is not supported"
                except KeyError as error:
                    response.error_response.error_code = grpc.StatusCode.NOT_FOUND.value[0]
                    response.error_response.error_message = str(error)
                yield response

    return ReflectionService(), pb2_grpc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    health_pb2_grpc.add_HealthServicer_to_server(HealthService(), server)
    for version in ("v1alpha", "v1"):
        servicer, pb2_grpc = reflection_servicer(version)
        pb2_grpc.add_ServerReflectionServicer_to_server(servicer, server)
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
