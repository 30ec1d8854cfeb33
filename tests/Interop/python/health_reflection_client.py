#!/usr/bin/python3
"""Checks a server's gRPC health service and server reflection with Debian's python3-grpcio.

Usage: /usr/bin/python3 health_reflection_client.py --server_port=PORT
           [--server_host=127.0.0.1] [--reflection=v1,v1alpha] [--expect_services=a.B,c.D]

Reflection (each listed version): list_services names every expected service plus Health and the
reflection service itself; file_containing_symbol for each expected service returns its file with
all transitive dependencies, which must build into a descriptor pool declaring the service;
file_by_filename returns a dependency again; an unknown symbol gets error_response NOT_FOUND.
Health: Check("") is SERVING, Check of an unknown name fails with NOT_FOUND, and Watch("") sends
SERVING first. Prints PASS/FAIL per check; exits 0 only if every check passed.
"""

import argparse
import os
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_protos  # noqa: E402

_MODULES = interop_protos.load("grpc/health/v1/health.proto", "grpc/reflection/v1alpha/reflection.proto",
                               "grpc/reflection/v1/reflection.proto")
health_pb2, health_pb2_grpc = _MODULES["grpc/health/v1/health.proto"]
REFLECTION = {
    "v1alpha": _MODULES["grpc/reflection/v1alpha/reflection.proto"],
    "v1": _MODULES["grpc/reflection/v1/reflection.proto"],
}
TIMEOUT = 10.0
NOT_FOUND = grpc.StatusCode.NOT_FOUND.value[0]


class CheckFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailure(message)


def reflect(channel, version, requests):
    """Sends the requests on one ServerReflectionInfo stream; returns the responses in order."""
    pb2, pb2_grpc = REFLECTION[version]
    stub = pb2_grpc.ServerReflectionStub(channel)
    responses = list(stub.ServerReflectionInfo(iter([pb2.ServerReflectionRequest(**r) for r in requests]),
                                               timeout=TIMEOUT))
    check(len(responses) == len(requests), f"{len(responses)} responses to {len(requests)} requests")
    return responses


def build_pool(files, what):
    """Adds serialized FileDescriptorProtos to a fresh pool, dependencies first; fails on a missing one."""
    protos = {}
    for raw in files:
        proto = descriptor_pb2.FileDescriptorProto()
        proto.ParseFromString(raw)
        protos[proto.name] = proto
    pool = descriptor_pool.DescriptorPool()
    added = set()

    def add(name, chain):
        if name in added:
            return
        check(name in protos, f"{what}: dependency {name} (needed by {' <- '.join(chain)}) was not returned")
        for dependency in protos[name].dependency:
            add(dependency, [dependency] + chain)
        pool.Add(protos[name])
        added.add(name)

    for name in protos:
        add(name, [name])
    return pool, protos


def reflection_checks(channel, version, expected):
    pb2, _ = REFLECTION[version]
    own = f"grpc.reflection.{version}.ServerReflection"
    checks = []

    def list_services():
        [response] = reflect(channel, version, [{"list_services": ""}])
        check(response.HasField("list_services_response"), f"no list_services_response: {response}")
        names = {s.name for s in response.list_services_response.service}
        missing = sorted((set(expected) | {"grpc.health.v1.Health", own}) - names)
        check(not missing, f"services {missing} not listed; listed: {sorted(names)}")
        return f"{len(names)} services: {', '.join(sorted(names))}"

    checks.append((f"reflection {version} list_services", list_services))

    for service in expected:
        def by_symbol(service=service):
            responses = reflect(channel, version, [{"file_containing_symbol": service}])
            check(responses[0].HasField("file_descriptor_response"), f"no file_descriptor_response: {responses[0]}")
            files = responses[0].file_descriptor_response.file_descriptor_proto
            pool, protos = build_pool(files, service)
            found = pool.FindServiceByName(service)
            check(found.methods, f"{service} has no methods")
            # Ask for one dependency (or the file itself) by name on the same kind of stream.
            declaring = found.file.name
            wanted = next(iter(protos[declaring].dependency), declaring)
            [again] = reflect(channel, version, [{"file_by_filename": wanted}])
            check(again.HasField("file_descriptor_response"), f"file_by_filename {wanted}: {again}")
            names = set()
            for raw in again.file_descriptor_response.file_descriptor_proto:
                proto = descriptor_pb2.FileDescriptorProto()
                proto.ParseFromString(raw)
                names.add(proto.name)
            check(wanted in names, f"file_by_filename {wanted} returned {sorted(names)}")
            return f"{service} in {declaring} with {len(files)} file(s), {len(found.methods)} methods"

        checks.append((f"reflection {version} file_containing_symbol {service}", by_symbol))

    def unknown_symbol():
        [response] = reflect(channel, version, [{"file_containing_symbol": "no.such.Service"}])
        check(response.HasField("error_response"), f"expected error_response, got {response}")
        check(response.error_response.error_code == NOT_FOUND,
              f"error_code {response.error_response.error_code}, expected {NOT_FOUND} (NOT_FOUND)")
        check(response.original_request.file_containing_symbol == "no.such.Service",
              "original_request not echoed")
        return "NOT_FOUND"

    checks.append((f"reflection {version} unknown symbol", unknown_symbol))
    return checks


def health_checks(channel):
    stub = health_pb2_grpc.HealthStub(channel)
    serving = health_pb2.HealthCheckResponse.SERVING

    def check_overall():
        response = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=TIMEOUT)
        check(response.status == serving, f"status {response.status}, expected SERVING")
        return "SERVING"

    def check_unknown():
        try:
            stub.Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=TIMEOUT)
        except grpc.RpcError as error:
            check(error.code() == grpc.StatusCode.NOT_FOUND, f"status {error.code().name}, expected NOT_FOUND")
            return "NOT_FOUND"
        raise CheckFailure("Check of an unknown service succeeded; expected NOT_FOUND")

    def watch_overall():
        call = stub.Watch(health_pb2.HealthCheckRequest(service=""), timeout=TIMEOUT)
        first = next(call)
        call.cancel()
        check(first.status == serving, f"first Watch status {first.status}, expected SERVING")
        return "SERVING"

    return [("health Check \"\"", check_overall), ("health Check unknown service", check_unknown),
            ("health Watch \"\"", watch_overall)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--reflection", default="v1,v1alpha")
    parser.add_argument("--expect_services", default="grpc.testing.TestService")
    args = parser.parse_args()

    expected = [s for s in args.expect_services.split(",") if s]
    failures = 0
    with grpc.insecure_channel(f"{args.server_host}:{args.server_port}") as channel:
        checks = health_checks(channel)
        for version in [v for v in args.reflection.split(",") if v]:
            checks += reflection_checks(channel, version, expected)
        for name, run in checks:
            try:
                print(f"PASS {name}: {run()}", flush=True)
            except CheckFailure as failure:
                failures += 1
                print(f"FAIL {name}: {failure}", flush=True)
            except grpc.RpcError as error:
                failures += 1
                print(f"FAIL {name}: unexpected status {error.code().name}: {error.details()!r}", flush=True)
            except Exception as error:  # noqa: BLE001 - any other error fails the check, with its type
                failures += 1
                print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
