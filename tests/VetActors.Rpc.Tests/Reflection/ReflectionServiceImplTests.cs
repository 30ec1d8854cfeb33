using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;
using VetActors.Rpc.Reflection;
using VetActors.Rpc.Tests.Echo;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Reflection;

public sealed class ReflectionServiceImplTests
{
    private readonly ReflectionServiceImpl _reflection = new(
        [CatalogDescriptors.CatalogService, Grpc.Health.V1.Health.Descriptor, EchoService.Descriptor, ServerReflection.Descriptor]);

    private async Task<IReadOnlyList<ServerReflectionResponse>> AskAsync(params ServerReflectionRequest[] requests)
    {
        var input = new TestAsyncStreamReader<ServerReflectionRequest>();
        var output = new RecordingServerStreamWriter<ServerReflectionResponse>();
        foreach (var request in requests)
        {
            input.Add(request);
        }
        input.Complete();

        await _reflection.ServerReflectionInfo(input, output, new TestServerCallContext("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"));

        return output.Messages;
    }

    private async Task<ServerReflectionResponse> AskOneAsync(ServerReflectionRequest request) => Assert.Single(await AskAsync(request));

    private static List<string> FileNames(ServerReflectionResponse response)
    {
        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
        return [.. response.FileDescriptorResponse.FileDescriptorProto.Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes).Name)];
    }

    [Fact]
    public async Task ListServices_ReturnsEveryServiceOnceInRegistrationOrder()
    {
        var reflection = new ReflectionServiceImpl([EchoService.Descriptor, Grpc.Health.V1.Health.Descriptor, EchoService.Descriptor]);
        var input = new TestAsyncStreamReader<ServerReflectionRequest>();
        var output = new RecordingServerStreamWriter<ServerReflectionResponse>();
        input.Add(new ServerReflectionRequest { ListServices = "*" });
        input.Complete();

        await reflection.ServerReflectionInfo(input, output, new TestServerCallContext());

        var response = Assert.Single(output.Messages);
        Assert.Equal(["vetactors.rpc.tests.EchoService", "grpc.health.v1.Health"], response.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task AnyResponse_EchoesRequestAndHost()
    {
        var request = new ServerReflectionRequest { Host = "vet.example:443", ListServices = "" };

        var response = await AskOneAsync(request);

        Assert.Equal(request, response.OriginalRequest);
        Assert.Equal("vet.example:443", response.ValidHost);
    }

    [Fact]
    public async Task FileByFilename_KnownFile_ReturnsItFirstThenEveryTransitiveDependencyOnce()
    {
        var response = await AskOneAsync(new ServerReflectionRequest { FileByFilename = CatalogDescriptors.CatalogFile });

        var names = FileNames(response);
        Assert.Equal(CatalogDescriptors.CatalogFile, names[0]);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(
            new[]
            {
                CatalogDescriptors.CatalogFile, CatalogDescriptors.OptionsFile, "google/protobuf/descriptor.proto", "google/protobuf/api.proto",
                "google/protobuf/source_context.proto", "google/protobuf/type.proto", "google/protobuf/any.proto", "google/protobuf/timestamp.proto",
            }.Order(),
            names.Order());
    }

    [Fact]
    public async Task FileByFilename_ReturnsTheFilesSerializedDescriptor()
    {
        var response = await AskOneAsync(new ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" });

        var file = FileDescriptorProto.Parser.ParseFrom(Assert.Single(response.FileDescriptorResponse.FileDescriptorProto));
        Assert.Equal("grpc.health.v1", file.Package);
        Assert.Equal(["Check", "Watch"], Assert.Single(file.Service).Method.Select(m => m.Name));
    }

    [Fact]
    public async Task FileByFilename_Dependency_IsServedToo()
    {
        var response = await AskOneAsync(new ServerReflectionRequest { FileByFilename = "google/protobuf/type.proto" });

        Assert.Equal(["google/protobuf/type.proto", "google/protobuf/any.proto", "google/protobuf/source_context.proto"], FileNames(response));
    }

    [Theory]
    [InlineData("vetactors.tests.catalog.Catalog")]
    [InlineData("vetactors.tests.catalog.Catalog.GetProduct")]
    [InlineData("vetactors.tests.catalog.Product")]
    [InlineData("vetactors.tests.catalog.Product.Variant")]
    [InlineData("vetactors.tests.catalog.Product.Variant.Option")]
    [InlineData("vetactors.tests.catalog.Product.Kind")]
    [InlineData("vetactors.tests.catalog.Product.KIND_FOOD")]
    [InlineData("vetactors.tests.catalog.Product.name")]
    [InlineData("vetactors.tests.catalog.Product.Variant.sku")]
    [InlineData("vetactors.tests.catalog.Product.price")]
    [InlineData("vetactors.tests.catalog.Shelf")]
    [InlineData("vetactors.tests.catalog.SHELF_TOP")]
    public async Task FileContainingSymbol_SymbolOfCatalogFile_ReturnsCatalogFileFirst(string symbol)
    {
        var response = await AskOneAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(CatalogDescriptors.CatalogFile, FileNames(response)[0]);
    }

    [Theory]
    [InlineData("google.protobuf.Timestamp", "google/protobuf/timestamp.proto")]
    [InlineData("google.protobuf.Api", "google/protobuf/api.proto")]
    [InlineData("vetactors.tests.http_path", CatalogDescriptors.OptionsFile)]
    [InlineData("grpc.health.v1.Health", "grpc/health/v1/health.proto")]
    [InlineData("grpc.health.v1.Health.Watch", "grpc/health/v1/health.proto")]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto")]
    [InlineData("vetactors.rpc.tests.EchoService.Chat", "Protos/echo.proto")]
    [InlineData("grpc.reflection.v1.ServerReflection", "grpc/reflection/v1/reflection.proto")]
    public async Task FileContainingSymbol_FindsTheDeclaringFile(string symbol, string file)
    {
        var response = await AskOneAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(file, FileNames(response)[0]);
    }

    [Theory]
    [InlineData("vetactors.tests.catalog.Missing")]
    [InlineData("vetactors.tests.catalog.Catalog.Missing")]
    [InlineData("vetactors.tests.catalog")]
    [InlineData("VETACTORS.TESTS.CATALOG.PRODUCT")]
    [InlineData(".vetactors.tests.catalog.Product")]
    [InlineData("")]
    public async Task FileContainingSymbol_UnknownSymbol_AnswersNotFoundError(string symbol)
    {
        var response = await AskOneAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse, response.MessageResponseCase);
        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
        Assert.NotEmpty(response.ErrorResponse.ErrorMessage);
    }

    [Fact]
    public async Task FileByFilename_UnknownFile_AnswersNotFoundError()
    {
        var response = await AskOneAsync(new ServerReflectionRequest { FileByFilename = "vetactors/tests/missing.proto" });

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task FileContainingExtension_KnownExtension_ReturnsDeclaringFile()
    {
        var response = await AskOneAsync(new ServerReflectionRequest
        {
            FileContainingExtension = new ExtensionRequest { ContainingType = "google.protobuf.MethodOptions", ExtensionNumber = CatalogDescriptors.HttpPathOption },
        });

        Assert.Equal([CatalogDescriptors.OptionsFile, "google/protobuf/descriptor.proto"], FileNames(response));
    }

    [Theory]
    [InlineData("google.protobuf.MethodOptions", 50002)]
    [InlineData("vetactors.tests.catalog.Product", 1)]
    [InlineData("vetactors.tests.catalog.Missing", 50001)]
    public async Task FileContainingExtension_Unknown_AnswersNotFoundError(string type, int number)
    {
        var response = await AskOneAsync(new ServerReflectionRequest
        {
            FileContainingExtension = new ExtensionRequest { ContainingType = type, ExtensionNumber = number },
        });

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task AllExtensionNumbersOfType_ExtendedType_ListsKnownExtensionNumbers()
    {
        var response = await AskOneAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = "google.protobuf.MethodOptions" });

        Assert.Equal("google.protobuf.MethodOptions", response.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Equal([CatalogDescriptors.HttpPathOption], response.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task AllExtensionNumbersOfType_Proto3Message_ListsNone()
    {
        var response = await AskOneAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = "vetactors.tests.catalog.Product" });

        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.AllExtensionNumbersResponse, response.MessageResponseCase);
        Assert.Equal("vetactors.tests.catalog.Product", response.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(response.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Theory]
    [InlineData("vetactors.tests.catalog.Missing")]
    [InlineData("vetactors.tests.catalog.Shelf")]
    public async Task AllExtensionNumbersOfType_NotAKnownMessage_AnswersNotFoundError(string type)
    {
        var response = await AskOneAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = type });

        Assert.Equal((int)StatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task RequestWithoutQuery_AnswersUnimplementedError()
    {
        var response = await AskOneAsync(new ServerReflectionRequest { Host = "h" });

        Assert.Equal((int)StatusCode.Unimplemented, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task SeveralRequestsOnOneStream_AnsweredInOrder()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { ListServices = "" },
            new ServerReflectionRequest { FileContainingSymbol = "vetactors.tests.catalog.Missing" },
            new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.HealthCheckRequest" });

        Assert.Equal(
            [
                ServerReflectionResponse.MessageResponseOneofCase.ListServicesResponse,
                ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse,
                ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse,
            ],
            responses.Select(r => r.MessageResponseCase));
    }

    [Fact]
    public async Task ServedFiles_RebuildIntoDescriptorsAClientCanUse()
    {
        var response = await AskOneAsync(new ServerReflectionRequest { FileContainingSymbol = "vetactors.tests.catalog.Catalog" });

        // A client gets the files in any order and must link them itself: dependencies first.
        var protos = response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToDictionary(p => p.Name);
        var ordered = new List<FileDescriptorProto>();
        void Visit(string name)
        {
            if (ordered.Any(p => p.Name == name))
            {
                return;
            }
            foreach (var dependency in protos[name].Dependency)
            {
                Visit(dependency);
            }
            ordered.Add(protos[name]);
        }
        Visit(CatalogDescriptors.CatalogFile);
        var rebuilt = FileDescriptor.BuildFromByteStrings(ordered.Select(p => Google.Protobuf.MessageExtensions.ToByteString(p)));
        var method = rebuilt[^1].Services[0].Methods[0];
        Assert.Equal("vetactors.tests.catalog.Catalog.GetProduct", method.FullName);
        Assert.Equal("vetactors.tests.catalog.Product", method.InputType.FullName);
        Assert.Equal("google.protobuf.Timestamp", method.InputType.FindFieldByName("added").MessageType.FullName);
    }
}
