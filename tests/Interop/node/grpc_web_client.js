#!/usr/bin/env node
// gRPC-Web client on npm's @connectrpc/connect-node gRPC-Web transport.
//
// Usage: node grpc_web_client.js --server_host=127.0.0.1 --server_port=PORT [--test_case=CASE]
// Cases: unary, server_streaming, status, custom_metadata (default: all). The server's h2c endpoint
// is reached with HTTP/2 prior knowledge. Message descriptors are built at run time from a
// FileDescriptorSet that protoc (python3-grpc-tools) makes from the same protos the server compiles,
// so no generated code is kept.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { create, createFileRegistry, fromBinary } = require('@bufbuild/protobuf');
const { FileDescriptorSetSchema } = require('@bufbuild/protobuf/wkt');
const { Code, ConnectError, createClient } = require('@connectrpc/connect');
const { createGrpcWebTransport } = require('@connectrpc/connect-node');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', 'InteropServer', 'Protos');
const PYTHON = '/usr/bin/python3';
const TIMEOUT_MS = 10000;

class CaseFailure extends Error {}

function check(condition, message) {
  if (!condition) throw new CaseFailure(message);
}

function loadRegistry() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vetactors-grpcweb-'));
  const out = path.join(dir, 'interop.pb');
  try {
    execFileSync(PYTHON, ['-m', 'grpc_tools.protoc', `-I${PROTO_ROOT}`, '--include_imports',
      `--descriptor_set_out=${out}`, 'grpc/testing/test.proto'], { stdio: ['ignore', 'ignore', 'pipe'] });
    return createFileRegistry(fromBinary(FileDescriptorSetSchema, fs.readFileSync(out)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function checkPayload(p, size, what) {
  const body = p ? p.body : new Uint8Array(0);
  check(body.length === size, `${what}: expected ${size} payload bytes, got ${body.length}`);
  check(body.every((b) => b === 0), `${what}: payload is not zero-filled`);
}

function makeCases(registry, client) {
  const simpleRequest = registry.getMessage('grpc.testing.SimpleRequest');
  const streamingRequest = registry.getMessage('grpc.testing.StreamingOutputCallRequest');
  const options = () => ({ timeoutMs: TIMEOUT_MS });

  return {
    async unary() {
      const response = await client.unaryCall(
        create(simpleRequest, { responseSize: 314159, payload: { body: new Uint8Array(271828) } }), options());
      checkPayload(response.payload, 314159, 'response');
    },

    async server_streaming() {
      const sizes = [];
      const request = create(streamingRequest, {
        responseParameters: [31415, 9, 2653, 58979].map((size) => ({ size })),
      });
      for await (const response of client.streamingOutputCall(request, options())) {
        sizes.push(response.payload ? response.payload.body.length : 0);
      }
      check(sizes.join(',') === '31415,9,2653,58979', `response sizes ${sizes}, expected 31415,9,2653,58979`);
    },

    async status() {
      const message = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1f608}\t\n';
      try {
        await client.unaryCall(create(simpleRequest, { responseStatus: { code: 2, message } }), options());
      } catch (error) {
        const e = ConnectError.from(error);
        check(e.code === Code.Unknown, `expected code Unknown (2), got ${e.code}: ${JSON.stringify(e.rawMessage)}`);
        check(e.rawMessage === message, `expected message ${JSON.stringify(message)}, got ${JSON.stringify(e.rawMessage)}`);
        return;
      }
      throw new CaseFailure('expected status Unknown, but the call succeeded');
    },

    async custom_metadata() {
      const headers = new Headers();
      headers.set('x-grpc-test-echo-initial', 'test_initial_metadata_value');
      headers.set('x-grpc-test-echo-trailing-bin', Buffer.from([0xab, 0xab, 0xab]).toString('base64'));
      let initial;
      let trailing;
      await client.unaryCall(create(simpleRequest, { responseSize: 10 }), {
        ...options(), headers, onHeader: (h) => { initial = h; }, onTrailer: (t) => { trailing = t; },
      });
      check(initial && initial.get('x-grpc-test-echo-initial') === 'test_initial_metadata_value',
        `initial metadata x-grpc-test-echo-initial=${initial && initial.get('x-grpc-test-echo-initial')}`);
      const bin = trailing && trailing.get('x-grpc-test-echo-trailing-bin');
      check(bin && Buffer.from(bin, 'base64').equals(Buffer.from([0xab, 0xab, 0xab])),
        `trailing metadata x-grpc-test-echo-trailing-bin=${bin}`);
    },
  };
}

async function main() {
  const args = { server_host: '127.0.0.1', server_port: undefined, test_case: 'all' };
  for (const arg of process.argv.slice(2)) {
    const m = /^--([a-z_]+)=(.*)$/.exec(arg);
    if (!m || !(m[1] in args)) throw new Error(`unknown argument ${arg}`);
    args[m[1]] = m[2];
  }
  if (!args.server_port) throw new Error('--server_port is required');

  const registry = loadRegistry();
  const transport = createGrpcWebTransport({
    baseUrl: `http://${args.server_host}:${args.server_port}`,
    httpVersion: '2',
  });
  const client = createClient(registry.getService('grpc.testing.TestService'), transport);
  const cases = makeCases(registry, client);
  const names = args.test_case === 'all' ? Object.keys(cases) : args.test_case.split(',');
  const unknown = names.filter((n) => !(n in cases));
  if (unknown.length) {
    console.error(`unknown test case(s): ${unknown.join(', ')}; known: ${Object.keys(cases).join(', ')}`);
    return 2;
  }

  let failures = 0;
  for (const name of names) {
    try {
      await cases[name]();
      console.log(`PASS ${name}`);
    } catch (error) {
      failures++;
      if (error instanceof CaseFailure) console.log(`FAIL ${name}: ${error.message}`);
      else {
        const e = ConnectError.from(error);
        console.log(`FAIL ${name}: ${Code[e.code] ?? e.code}: ${JSON.stringify(e.rawMessage)}${e.cause ? ` (${e.cause})` : ''}`);
      }
    }
  }
  return failures ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(2);
});
