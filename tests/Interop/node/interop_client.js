#!/usr/bin/env node
// gRPC interop test client on npm's @grpc/grpc-js (doc/interop-test-descriptions.md).
//
// Usage: node interop_client.js --server_host=127.0.0.1 --server_port=PORT --test_case=CASE
// CASE is one case name, a comma-separated list, or "all". Prints PASS/FAIL per case; exits 0 only
// if every case passed.
//
// grpc-js never shows a client whether a response message arrived compressed, so the
// server-compressed cases check sizes and contents but not the compressed flag. Everything else
// follows the specification, including per-message compression (WriteFlags.NoCompress) in
// client_compressed_streaming.
'use strict';

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', 'InteropServer', 'Protos');
const CALL_TIMEOUT_MS = 10000;
const NO_COMPRESS = 2; // grpc-js WriteFlags.NoCompress, passed as a write's encoding argument
const GZIP = 2; // grpc-js compression algorithm id for gzip
const ECHO_INITIAL = ['x-grpc-test-echo-initial', 'test_initial_metadata_value'];
const ECHO_TRAILING = ['x-grpc-test-echo-trailing-bin', Buffer.from([0xab, 0xab, 0xab])];
const SPECIAL_MESSAGE = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1f608}\t\n';
const REQUEST_SIZES = [27182, 8, 1828, 45904];
const RESPONSE_SIZES = [31415, 9, 2653, 58979];

class CaseFailure extends Error {}

function check(condition, message) {
  if (!condition) throw new CaseFailure(message);
}

function payload(size) {
  return { body: Buffer.alloc(size) };
}

function deadline(ms = CALL_TIMEOUT_MS) {
  return new Date(Date.now() + ms);
}

function checkPayload(p, size, what) {
  const body = p && p.body ? p.body : Buffer.alloc(0);
  check(body.length === size, `${what}: expected ${size} payload bytes, got ${body.length}`);
  check(body.every((b) => b === 0), `${what}: payload is not zero-filled`);
}

function statusName(code) {
  return Object.keys(grpc.status).find((k) => grpc.status[k] === code) ?? String(code);
}

async function expectStatus(promise, code, details) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CaseFailure) throw error;
    check(error.code === code, `expected ${statusName(code)}, got ${statusName(error.code)}: ${JSON.stringify(error.details)}`);
    if (details !== undefined) {
      check(error.details === details, `expected message ${JSON.stringify(details)}, got ${JSON.stringify(error.details)}`);
    }
    return error;
  }
  throw new CaseFailure(`expected ${statusName(code)}, but the call succeeded`);
}

// Unary call returning { response, headers, trailers }.
function unary(client, method, request, options = {}, metadata = new grpc.Metadata()) {
  return new Promise((resolve, reject) => {
    let headers;
    let trailers;
    let response;
    let error;
    let pending = 2;
    const done = () => {
      if (--pending === 0) (error ? reject(error) : resolve({ response, headers, trailers }));
    };
    const call = client[method](request, metadata, { deadline: deadline(), ...options }, (err, res) => {
      error = err;
      response = res;
      done();
    });
    call.on('metadata', (md) => { headers = md; });
    call.on('status', (st) => { trailers = st.metadata; done(); });
  });
}

// Reads a server stream to its end; resolves { responses, headers, trailers } or rejects with the status.
function readAll(call) {
  return new Promise((resolve, reject) => {
    const responses = [];
    let headers;
    call.on('metadata', (md) => { headers = md; });
    call.on('data', (r) => responses.push(r));
    call.on('error', reject);
    call.on('status', (st) => {
      if (st.code === grpc.status.OK) resolve({ responses, headers, trailers: st.metadata });
    });
  });
}

function clientStream(client, method, options = {}) {
  let resolveResult;
  let rejectResult;
  const result = new Promise((resolve, reject) => { resolveResult = resolve; rejectResult = reject; });
  const call = client[method]({ deadline: deadline(), ...options }, (err, res) => (err ? rejectResult(err) : resolveResult(res)));
  return { call, result };
}

// Lock-step reader for duplex calls: next() resolves with the next message (or null at the end).
function streamReader(call) {
  const queue = [];
  const waiters = [];
  let ended = false;
  let failure;
  const wake = () => {
    while (waiters.length && (queue.length || ended || failure)) {
      const w = waiters.shift();
      if (queue.length) w.resolve(queue.shift());
      else if (failure) w.reject(failure);
      else w.resolve(null);
    }
  };
  call.on('data', (m) => { queue.push(m); wake(); });
  call.on('end', () => { ended = true; wake(); });
  call.on('error', (e) => { failure = e; wake(); });
  return { next: () => new Promise((resolve, reject) => { waiters.push({ resolve, reject }); wake(); }) };
}

const cases = {
  async empty_unary({ stub }) {
    const { response } = await unary(stub, 'EmptyCall', {});
    check(response && Object.keys(response).length === 0, 'EmptyCall returned a non-empty message');
  },

  async large_unary({ stub }) {
    const { response } = await unary(stub, 'UnaryCall', { response_size: 314159, payload: payload(271828) });
    checkPayload(response.payload, 314159, 'response');
  },

  async client_streaming({ stub }) {
    const { call, result } = clientStream(stub, 'StreamingInputCall');
    for (const n of REQUEST_SIZES) call.write({ payload: payload(n) });
    call.end();
    const response = await result;
    check(response.aggregated_payload_size === 74922, `aggregated_payload_size ${response.aggregated_payload_size}, expected 74922`);
  },

  async server_streaming({ stub }) {
    const call = stub.StreamingOutputCall({ response_parameters: RESPONSE_SIZES.map((size) => ({ size })) }, { deadline: deadline() });
    const { responses } = await readAll(call);
    const sizes = responses.map((r) => (r.payload ? r.payload.body.length : 0));
    check(JSON.stringify(sizes) === JSON.stringify(RESPONSE_SIZES), `response sizes ${sizes}, expected ${RESPONSE_SIZES}`);
  },

  async ping_pong({ stub }) {
    const call = stub.FullDuplexCall({ deadline: deadline() });
    const reader = streamReader(call);
    for (let i = 0; i < REQUEST_SIZES.length; i++) {
      call.write({ response_parameters: [{ size: RESPONSE_SIZES[i] }], payload: payload(REQUEST_SIZES[i]) });
      const response = await reader.next();
      check(response !== null, `stream ended before response ${i + 1}`);
      checkPayload(response.payload, RESPONSE_SIZES[i], `ping_pong response ${i + 1}`);
    }
    call.end();
    check((await reader.next()) === null, 'responses after the last request');
  },

  async empty_stream({ stub }) {
    const call = stub.FullDuplexCall({ deadline: deadline() });
    call.end();
    const { responses } = await readAll(call);
    check(responses.length === 0, `${responses.length} responses to an empty stream`);
  },

  async cancel_after_begin({ stub }) {
    const { call, result } = clientStream(stub, 'StreamingInputCall');
    call.cancel();
    await expectStatus(result, grpc.status.CANCELLED);
  },

  async cancel_after_first_response({ stub }) {
    const call = stub.FullDuplexCall({ deadline: deadline() });
    const reader = streamReader(call);
    call.write({ response_parameters: [{ size: 31415 }], payload: payload(27182) });
    const first = await reader.next();
    check(first !== null, 'no first response');
    checkPayload(first.payload, 31415, 'first response');
    call.cancel();
    await expectStatus(reader.next(), grpc.status.CANCELLED);
  },

  async timeout_on_sleeping_server({ stub }) {
    const call = stub.FullDuplexCall({ deadline: deadline(1) });
    call.write({ payload: payload(27182) });
    await expectStatus(readAll(call), grpc.status.DEADLINE_EXCEEDED);
  },

  async custom_metadata({ stub }) {
    const metadata = () => {
      const md = new grpc.Metadata();
      md.add(...ECHO_INITIAL);
      md.add(...ECHO_TRAILING);
      return md;
    };
    const checkEcho = (headers, trailers, what) => {
      const initial = headers ? headers.get(ECHO_INITIAL[0]) : [];
      const trailing = trailers ? trailers.get(ECHO_TRAILING[0]) : [];
      check(initial.length === 1 && initial[0] === ECHO_INITIAL[1], `${what}: initial metadata ${ECHO_INITIAL[0]}=${JSON.stringify(initial)}`);
      check(trailing.length === 1 && Buffer.compare(trailing[0], ECHO_TRAILING[1]) === 0,
        `${what}: trailing metadata ${ECHO_TRAILING[0]}=${JSON.stringify(trailing)}`);
    };
    const unaryResult = await unary(stub, 'UnaryCall', { response_size: 314159, payload: payload(271828) }, {}, metadata());
    checkPayload(unaryResult.response.payload, 314159, 'unary response');
    checkEcho(unaryResult.headers, unaryResult.trailers, 'unary');

    const call = stub.FullDuplexCall(metadata(), { deadline: deadline() });
    call.write({ response_parameters: [{ size: 314159 }], payload: payload(271828) });
    call.end();
    const duplex = await readAll(call);
    check(duplex.responses.length === 1, `${duplex.responses.length} duplex responses, expected 1`);
    checkPayload(duplex.responses[0].payload, 314159, 'duplex response');
    checkEcho(duplex.headers, duplex.trailers, 'duplex');
  },

  async status_code_and_message({ stub }) {
    const status = { code: 2, message: 'test status message' };
    await expectStatus(unary(stub, 'UnaryCall', { response_status: status }), grpc.status.UNKNOWN, status.message);
    const call = stub.FullDuplexCall({ deadline: deadline() });
    call.write({ response_status: status });
    call.end();
    await expectStatus(readAll(call), grpc.status.UNKNOWN, status.message);
  },

  async special_status_message({ stub }) {
    await expectStatus(unary(stub, 'UnaryCall', { response_status: { code: 2, message: SPECIAL_MESSAGE } }),
      grpc.status.UNKNOWN, SPECIAL_MESSAGE);
  },

  async unimplemented_method({ stub }) {
    await expectStatus(unary(stub, 'UnimplementedCall', {}), grpc.status.UNIMPLEMENTED);
  },

  async unimplemented_service({ unimplemented }) {
    await expectStatus(unary(unimplemented, 'UnimplementedCall', {}), grpc.status.UNIMPLEMENTED);
  },

  async client_compressed_unary({ stub, gzipStub }) {
    const request = (expect) => ({ response_size: 314159, payload: payload(271828), expect_compressed: { value: expect } });
    // Probe: an uncompressed message that claims to be compressed must be refused.
    await expectStatus(unary(stub, 'UnaryCall', request(true)), grpc.status.INVALID_ARGUMENT);
    checkPayload((await unary(gzipStub, 'UnaryCall', request(true))).response.payload, 314159, 'compressed request\'s response');
    checkPayload((await unary(stub, 'UnaryCall', request(false))).response.payload, 314159, 'uncompressed request\'s response');
  },

  async server_compressed_unary({ stub }) {
    for (const compressed of [true, false]) {
      const { response } = await unary(stub, 'UnaryCall',
        { response_size: 314159, payload: payload(271828), response_compressed: { value: compressed } });
      checkPayload(response.payload, 314159, `response (compressed=${compressed})`);
    }
  },

  async client_compressed_streaming({ stub, gzipStub }) {
    const probe = clientStream(stub, 'StreamingInputCall');
    probe.call.write({ payload: payload(27182), expect_compressed: { value: true } });
    probe.call.end();
    await expectStatus(probe.result, grpc.status.INVALID_ARGUMENT);

    const { call, result } = clientStream(gzipStub, 'StreamingInputCall');
    call.write({ payload: payload(27182), expect_compressed: { value: true } });
    call.write({ payload: payload(45904), expect_compressed: { value: false } }, NO_COMPRESS);
    call.end();
    const response = await result;
    check(response.aggregated_payload_size === 73086, `aggregated_payload_size ${response.aggregated_payload_size}, expected 73086`);
  },

  async server_compressed_streaming({ stub }) {
    const call = stub.StreamingOutputCall({
      response_parameters: [{ size: 31415, compressed: { value: true } }, { size: 92653, compressed: { value: false } }],
    }, { deadline: deadline() });
    const { responses } = await readAll(call);
    const sizes = responses.map((r) => (r.payload ? r.payload.body.length : 0));
    check(JSON.stringify(sizes) === '[31415,92653]', `response sizes ${sizes}, expected 31415,92653`);
  },
};

function parseArgs(argv) {
  const args = { server_host: '127.0.0.1', server_port: undefined, test_case: 'all' };
  for (const arg of argv) {
    const m = /^--([a-z_]+)=(.*)$/.exec(arg);
    if (!m || !(m[1] in args)) throw new Error(`unknown argument ${arg}`);
    args[m[1]] = m[2];
  }
  if (!args.server_port) throw new Error('--server_port is required');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const names = args.test_case === 'all' ? Object.keys(cases) : args.test_case.split(',');
  const unknown = names.filter((n) => !(n in cases));
  if (unknown.length) {
    console.error(`unknown test case(s): ${unknown.join(', ')}; known: ${Object.keys(cases).join(', ')}`);
    return 2;
  }

  const definition = protoLoader.loadSync('grpc/testing/test.proto', {
    includeDirs: [PROTO_ROOT], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
  });
  const testing = grpc.loadPackageDefinition(definition).grpc.testing;
  const address = `${args.server_host}:${args.server_port}`;
  const credentials = grpc.credentials.createInsecure();
  const peers = {
    stub: new testing.TestService(address, credentials),
    gzipStub: new testing.TestService(address, credentials, { 'grpc.default_compression_algorithm': GZIP }),
    unimplemented: new testing.UnimplementedService(address, credentials),
  };

  let failures = 0;
  for (const name of names) {
    const started = Date.now();
    try {
      await cases[name](peers);
      console.log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures++;
      if (error instanceof CaseFailure) console.log(`FAIL ${name}: ${error.message}`);
      else if (error && error.code !== undefined) console.log(`FAIL ${name}: unexpected status ${statusName(error.code)}: ${JSON.stringify(error.details)}`);
      else console.log(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
    }
  }
  for (const client of Object.values(peers)) client.close();
  return failures ? 1 : 0;
}

// Exit explicitly: a server that leaves a call open must fail the run, not keep the process alive.
main().then((code) => process.exit(code), (error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(2);
});
