#!/usr/bin/python3
"""gRPC interop test client on Debian's python3-grpcio (doc/interop-test-descriptions.md).

Usage: /usr/bin/python3 interop_client.py --server_host=127.0.0.1 --server_port=PORT --test_case=CASE
CASE is one case name, a comma-separated list, or "all". Prints PASS/FAIL per case; exits 0 only if
every case passed.

What grpcio cannot do, and how each case copes:
- grpcio never shows a client whether a response message arrived compressed, so the server-compressed
  cases check sizes and contents but not the compressed flag.
- grpcio compresses every message of a call or none, so client_compressed_streaming sends both of its
  messages compressed (the spec sends the second one uncompressed); the server's check of the first
  message, and the uncompressed probe, are exercised exactly as specified.
"""

import argparse
import os
import queue
import sys
import threading

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_protos  # noqa: E402

messages_pb2, empty_pb2, test_pb2_grpc = interop_protos.load_test_service()

# Every call but the deadline test gets a generous deadline so that a broken server fails the case
# instead of hanging the run.
CALL_TIMEOUT = 10.0
ECHO_INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
ECHO_TRAILING = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")
SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
REQUEST_SIZES = [27182, 8, 1828, 45904]
RESPONSE_SIZES = [31415, 9, 2653, 58979]


class CaseFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailure(message)


def payload(size):
    return messages_pb2.Payload(body=bytes(size))


def expect_status(action, code, details=None):
    try:
        action()
    except grpc.RpcError as error:
        check(error.code() == code, f"expected {code.name}, got {error.code().name}: {error.details()!r}")
        if details is not None:
            check(error.details() == details, f"expected message {details!r}, got {error.details()!r}")
        return error
    raise CaseFailure(f"expected {code.name}, but the call succeeded")


def check_payload(response_payload, size, what):
    body = response_payload.body
    check(len(body) == size, f"{what}: expected {size} payload bytes, got {len(body)}")
    check(body.count(0) == size, f"{what}: payload is not zero-filled")


class RequestQueue:
    """A request iterator fed one message at a time, for lock-step streaming."""

    _DONE = object()

    def __init__(self):
        self._queue = queue.Queue()

    def put(self, message):
        self._queue.put(message)

    def close(self):
        self._queue.put(self._DONE)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._DONE:
            raise StopIteration
        return item


def empty_unary(stub, _):
    response = stub.EmptyCall(empty_pb2.Empty(), timeout=CALL_TIMEOUT)
    check(response.ByteSize() == 0, "EmptyCall returned a non-empty message")


def large_unary(stub, _):
    request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828))
    response = stub.UnaryCall(request, timeout=CALL_TIMEOUT)
    check_payload(response.payload, 314159, "response")


def client_streaming(stub, _):
    requests = [messages_pb2.StreamingInputCallRequest(payload=payload(n)) for n in REQUEST_SIZES]
    response = stub.StreamingInputCall(iter(requests), timeout=CALL_TIMEOUT)
    check(response.aggregated_payload_size == 74922,
          f"aggregated_payload_size {response.aggregated_payload_size}, expected 74922")


def server_streaming(stub, _):
    request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=n) for n in RESPONSE_SIZES])
    sizes = [len(r.payload.body) for r in stub.StreamingOutputCall(request, timeout=CALL_TIMEOUT)]
    check(sizes == RESPONSE_SIZES, f"response sizes {sizes}, expected {RESPONSE_SIZES}")


def ping_pong(stub, _):
    requests = RequestQueue()
    responses = stub.FullDuplexCall(requests, timeout=CALL_TIMEOUT)
    for request_size, response_size in zip(REQUEST_SIZES, RESPONSE_SIZES):
        requests.put(messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=response_size)],
            payload=payload(request_size)))
        response = next(responses)
        check_payload(response.payload, response_size, "ping_pong response")
    requests.close()
    rest = list(responses)
    check(not rest, f"{len(rest)} responses after the last request")


def empty_stream(stub, _):
    responses = list(stub.FullDuplexCall(iter([]), timeout=CALL_TIMEOUT))
    check(not responses, f"{len(responses)} responses to an empty stream")


def cancel_after_begin(stub, _):
    requests = RequestQueue()  # never fed: the call is cancelled before any message is sent
    future = stub.StreamingInputCall.future(requests, timeout=CALL_TIMEOUT)
    future.cancel()
    check(future.cancelled(), "the call did not report itself cancelled")
    check(future.code() == grpc.StatusCode.CANCELLED, f"status {future.code()}, expected CANCELLED")
    requests.close()


def cancel_after_first_response(stub, _):
    requests = RequestQueue()
    responses = stub.FullDuplexCall(requests, timeout=CALL_TIMEOUT)
    requests.put(messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=31415)], payload=payload(27182)))
    check_payload(next(responses).payload, 31415, "first response")
    responses.cancel()
    check(responses.code() == grpc.StatusCode.CANCELLED, f"status {responses.code()}, expected CANCELLED")
    requests.close()


def timeout_on_sleeping_server(stub, _):
    requests = RequestQueue()
    responses = stub.FullDuplexCall(requests, timeout=0.001)
    requests.put(messages_pb2.StreamingOutputCallRequest(payload=payload(27182)))

    def drain():
        for _ in responses:
            pass

    expect_status(drain, grpc.StatusCode.DEADLINE_EXCEEDED)
    requests.close()


def _check_echoed_metadata(call):
    initial = dict(call.initial_metadata())
    trailing = dict(call.trailing_metadata())
    check(initial.get(ECHO_INITIAL[0]) == ECHO_INITIAL[1],
          f"initial metadata {ECHO_INITIAL[0]}={initial.get(ECHO_INITIAL[0])!r}, expected {ECHO_INITIAL[1]!r}")
    check(trailing.get(ECHO_TRAILING[0]) == ECHO_TRAILING[1],
          f"trailing metadata {ECHO_TRAILING[0]}={trailing.get(ECHO_TRAILING[0])!r}, expected {ECHO_TRAILING[1]!r}")


def custom_metadata(stub, _):
    metadata = [ECHO_INITIAL, ECHO_TRAILING]
    request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828))
    response, call = stub.UnaryCall.with_call(request, metadata=metadata, timeout=CALL_TIMEOUT)
    check_payload(response.payload, 314159, "unary response")
    _check_echoed_metadata(call)

    stream_request = messages_pb2.StreamingOutputCallRequest(
        response_parameters=[messages_pb2.ResponseParameters(size=314159)], payload=payload(271828))
    responses = stub.FullDuplexCall(iter([stream_request]), metadata=metadata, timeout=CALL_TIMEOUT)
    received = list(responses)
    check(len(received) == 1, f"{len(received)} duplex responses, expected 1")
    check_payload(received[0].payload, 314159, "duplex response")
    _check_echoed_metadata(responses)


def _status_case(stub, code, message):
    status = messages_pb2.EchoStatus(code=code, message=message)
    expect_status(lambda: stub.UnaryCall(messages_pb2.SimpleRequest(response_status=status),
                                         timeout=CALL_TIMEOUT),
                  grpc.StatusCode.UNKNOWN, message)
    return status


def status_code_and_message(stub, _):
    status = _status_case(stub, 2, "test status message")
    request = messages_pb2.StreamingOutputCallRequest(response_status=status)
    expect_status(lambda: list(stub.FullDuplexCall(iter([request]), timeout=CALL_TIMEOUT)),
                  grpc.StatusCode.UNKNOWN, "test status message")


def special_status_message(stub, _):
    _status_case(stub, 2, SPECIAL_MESSAGE)


def unimplemented_method(stub, _):
    expect_status(lambda: stub.UnimplementedCall(empty_pb2.Empty(), timeout=CALL_TIMEOUT),
                  grpc.StatusCode.UNIMPLEMENTED)


def unimplemented_service(_, channel):
    other = test_pb2_grpc.UnimplementedServiceStub(channel)
    expect_status(lambda: other.UnimplementedCall(empty_pb2.Empty(), timeout=CALL_TIMEOUT),
                  grpc.StatusCode.UNIMPLEMENTED)


def client_compressed_unary(stub, _):
    def request(expect):
        return messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828),
                                          expect_compressed=messages_pb2.BoolValue(value=expect))

    # Probe: an uncompressed message that claims to be compressed must be refused.
    expect_status(lambda: stub.UnaryCall(request(True), timeout=CALL_TIMEOUT), grpc.StatusCode.INVALID_ARGUMENT)
    response = stub.UnaryCall(request(True), compression=grpc.Compression.Gzip, timeout=CALL_TIMEOUT)
    check_payload(response.payload, 314159, "compressed request's response")
    response = stub.UnaryCall(request(False), compression=grpc.Compression.NoCompression, timeout=CALL_TIMEOUT)
    check_payload(response.payload, 314159, "uncompressed request's response")


def server_compressed_unary(stub, _):
    for compressed in (True, False):
        request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828),
                                             response_compressed=messages_pb2.BoolValue(value=compressed))
        response = stub.UnaryCall(request, timeout=CALL_TIMEOUT)
        check_payload(response.payload, 314159, f"response (compressed={compressed})")


def client_compressed_streaming(stub, _):
    probe = messages_pb2.StreamingInputCallRequest(payload=payload(27182),
                                                   expect_compressed=messages_pb2.BoolValue(value=True))
    expect_status(lambda: stub.StreamingInputCall(iter([probe]), timeout=CALL_TIMEOUT),
                  grpc.StatusCode.INVALID_ARGUMENT)
    requests = [
        probe,
        messages_pb2.StreamingInputCallRequest(payload=payload(45904),
                                               expect_compressed=messages_pb2.BoolValue(value=False)),
    ]
    response = stub.StreamingInputCall(iter(requests), compression=grpc.Compression.Gzip, timeout=CALL_TIMEOUT)
    check(response.aggregated_payload_size == 73086,
          f"aggregated_payload_size {response.aggregated_payload_size}, expected 73086")


def server_compressed_streaming(stub, _):
    request = messages_pb2.StreamingOutputCallRequest(response_parameters=[
        messages_pb2.ResponseParameters(size=31415, compressed=messages_pb2.BoolValue(value=True)),
        messages_pb2.ResponseParameters(size=92653, compressed=messages_pb2.BoolValue(value=False)),
    ])
    sizes = [len(r.payload.body) for r in stub.StreamingOutputCall(request, timeout=CALL_TIMEOUT)]
    check(sizes == [31415, 92653], f"response sizes {sizes}, expected [31415, 92653]")


CASES = {f.__name__: f for f in [
    empty_unary, large_unary, client_streaming, server_streaming, ping_pong, empty_stream,
    cancel_after_begin, cancel_after_first_response, timeout_on_sleeping_server, custom_metadata,
    status_code_and_message, special_status_message, unimplemented_method, unimplemented_service,
    client_compressed_unary, server_compressed_unary, client_compressed_streaming,
    server_compressed_streaming,
]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--test_case", default="all")
    args = parser.parse_args()

    names = list(CASES) if args.test_case == "all" else args.test_case.split(",")
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print(f"unknown test case(s): {', '.join(unknown)}; known: {', '.join(CASES)}", file=sys.stderr)
        return 2

    failures = 0
    with grpc.insecure_channel(f"{args.server_host}:{args.server_port}") as channel:
        stub = test_pb2_grpc.TestServiceStub(channel)
        for name in names:
            try:
                CASES[name](stub, channel)
                print(f"PASS {name}", flush=True)
            except CaseFailure as failure:
                failures += 1
                print(f"FAIL {name}: {failure}", flush=True)
            except grpc.RpcError as error:
                failures += 1
                print(f"FAIL {name}: unexpected status {error.code().name}: {error.details()!r}", flush=True)
            except Exception as error:  # noqa: BLE001 - any other error fails the case, with its type
                failures += 1
                print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
