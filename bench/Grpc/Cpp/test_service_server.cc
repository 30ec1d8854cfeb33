// A reference grpc.testing.TestService server on C++ gRPC (Debian's libgrpc++), callback API,
// serving EmptyCall and UnaryCall only: the baseline the load benchmark compares VetActors.Rpc with.
//
// Usage: test_service_server PORT   (binds 127.0.0.1:PORT, prints "listening on PORT" when ready)

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "grpc/testing/test.grpc.pb.h"

namespace {

class TestService final : public grpc::testing::TestService::CallbackService {
  grpc::ServerUnaryReactor* EmptyCall(grpc::CallbackServerContext* context, const grpc::testing::Empty*,
                                      grpc::testing::Empty*) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  // Same contract as the interop server: a zero-filled payload of response_size bytes.
  grpc::ServerUnaryReactor* UnaryCall(grpc::CallbackServerContext* context, const grpc::testing::SimpleRequest* request,
                                      grpc::testing::SimpleResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (request->response_size() < 0) {
      reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "negative response_size"));
      return reactor;
    }
    if (request->response_size() > 0) {
      response->mutable_payload()->mutable_body()->assign(static_cast<size_t>(request->response_size()), '\0');
    }
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PORT\n";
    return 2;
  }
  const std::string address = std::string("127.0.0.1:") + argv[1];
  TestService service;
  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &bound_port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || bound_port == 0) {
    std::cerr << "could not listen on " << address << "\n";
    return 1;
  }
  std::cout << "listening on " << bound_port << std::endl;
  server->Wait();
  return 0;
}
