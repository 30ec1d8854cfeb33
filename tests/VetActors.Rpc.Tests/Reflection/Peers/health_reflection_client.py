#!/usr/bin/python3
"""An independent gRPC client (Debian's python3-grpcio) for the health and reflection services.

Lists the server's services through reflection (v1 and v1alpha), rebuilds their descriptors from the
served files alone, calls the echo service through those descriptors, and asks grpc.health.v1.Health
for statuses. Prints one JSON object with what it saw; exits non-zero only when it could not run.

grpcio ships its reflection and health stubs in separate packages Debian does not have, so the
message classes are compiled here from the server's own .proto files with grpc_tools.protoc.
"""
import argparse
import importlib.util
import json
import os
import sys
import tempfile

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from grpc_tools import protoc

PROTOS = ["grpc/health/v1/health.proto", "grpc/reflection/v1/reflection.proto", "grpc/reflection/v1alpha/reflection.proto"]


def load_messages(proto_root, out_dir):
    """Compiles the protos and loads each *_pb2 module under a private name.

    The generated package path starts with 'grpc', which would shadow the grpcio package if imported
    normally, so the modules are loaded from their files instead.
    """
    code = protoc.main(["protoc", "-I" + proto_root, "--python_out=" + out_dir] + PROTOS)
    if code != 0:
        raise SystemExit("protoc failed with exit code %d" % code)
    modules = {}
    for proto in PROTOS:
        path = os.path.join(out_dir, proto.replace(".proto", "_pb2.py"))
        name = "peer_" + proto.replace("/", "_").replace(".proto", "_pb2")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules[proto] = module
    return modules


def reflect(channel, messages, version):
    """Asks one reflection service for the service list, then for the file of each service, on one stream."""
    info = channel.stream_stream(
        "/grpc.reflection.%s.ServerReflection/ServerReflectionInfo" % version,
        request_serializer=messages.ServerReflectionRequest.SerializeToString,
        response_deserializer=messages.ServerReflectionResponse.FromString)

    listed = next(info(iter([messages.ServerReflectionRequest(list_services="")]), timeout=10))
    services = [s.name for s in listed.list_services_response.service]

    requests = [messages.ServerReflectionRequest(file_containing_symbol=s) for s in services]
    requests.append(messages.ServerReflectionRequest(file_containing_symbol="no.such.Symbol"))
    responses = list(info(iter(requests), timeout=10))

    files = {}
    for response in responses[:-1]:
        for raw in response.file_descriptor_response.file_descriptor_proto:
            proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
            files.setdefault(proto.name, proto)
    missing = responses[-1].error_response

    # Link the files from the served bytes only: a client that knows nothing of the server does this.
    pool = descriptor_pool.DescriptorPool()
    added = set()

    def add(name):
        if name in added:
            return
        for dependency in files[name].dependency:
            add(dependency)
        pool.Add(files[name])
        added.add(name)

    for name in files:
        add(name)

    methods = {}
    for service in services:
        descriptor = pool.FindServiceByName(service)
        methods[service] = [m.name for m in descriptor.methods]
    return {
        "services": services,
        "methods": methods,
        "unknown_symbol_error": missing.error_code,
        "files": sorted(files),
    }, pool


def call_echo(channel, pool):
    """Calls EchoService/Echo with messages built from the reflected descriptors alone."""
    method = pool.FindServiceByName("vetactors.rpc.tests.EchoService").FindMethodByName("Echo")
    factory = message_factory.MessageFactory(pool)
    request_class = factory.GetPrototype(method.input_type)
    reply_class = factory.GetPrototype(method.output_type)
    echo = channel.unary_unary(
        "/vetactors.rpc.tests.EchoService/Echo",
        request_serializer=request_class.SerializeToString,
        response_deserializer=reply_class.FromString)
    return echo(request_class(text="from python"), timeout=10).text


def health(channel, messages):
    request_type, response_type = messages.HealthCheckRequest, messages.HealthCheckResponse
    names = response_type.ServingStatus.Name
    check = channel.unary_unary(
        "/grpc.health.v1.Health/Check",
        request_serializer=request_type.SerializeToString,
        response_deserializer=response_type.FromString)
    watch = channel.unary_stream(
        "/grpc.health.v1.Health/Watch",
        request_serializer=request_type.SerializeToString,
        response_deserializer=response_type.FromString)

    result = {"overall": names(check(request_type(service=""), timeout=10).status)}
    try:
        check(request_type(service="no.such.Service"), timeout=10)
        result["unknown"] = "OK"
    except grpc.RpcError as error:
        result["unknown"] = error.code().name

    stream = watch(request_type(service=""), timeout=10)
    result["watch_first"] = names(next(stream).status)
    stream.cancel()
    unknown_stream = watch(request_type(service="no.such.Service"), timeout=10)
    result["watch_unknown_first"] = names(next(unknown_stream).status)
    unknown_stream.cancel()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True, help="host:port of an h2c gRPC server")
    parser.add_argument("--protos", required=True, help="the directory holding grpc/health and grpc/reflection protos")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as out_dir:
        modules = load_messages(args.protos, out_dir)
        result = {}
        with grpc.insecure_channel(args.target) as channel:
            result["v1"], pool = reflect(channel, modules["grpc/reflection/v1/reflection.proto"], "v1")
            result["v1alpha"], _ = reflect(channel, modules["grpc/reflection/v1alpha/reflection.proto"], "v1alpha")
            if "vetactors.rpc.tests.EchoService" in result["v1"]["services"]:
                result["echo"] = call_echo(channel, pool)
            result["health"] = health(channel, modules["grpc/health/v1/health.proto"])
    json.dump(result, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
