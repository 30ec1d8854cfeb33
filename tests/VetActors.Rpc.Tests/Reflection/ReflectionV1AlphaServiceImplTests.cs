using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using VetActors.Rpc.Reflection;
using VetActors.Rpc.Tests.Infrastructure;

namespace VetActors.Rpc.Tests.Reflection;

/// <summary>The older v1alpha service answers exactly as v1 does (grpcurl falls back to it on UNIMPLEMENTED).</summary>
public sealed class ReflectionV1AlphaServiceImplTests
{
    private readonly ReflectionV1AlphaServiceImpl _reflection = new([CatalogDescriptors.CatalogService, Grpc.Health.V1.Health.Descriptor]);

    private async Task<IReadOnlyList<ServerReflectionResponse>> AskAsync(params ServerReflectionRequest[] requests)
    {
        var input = new TestAsyncStreamReader<ServerReflectionRequest>();
        var output = new RecordingServerStreamWriter<ServerReflectionResponse>();
        foreach (var request in requests)
        {
            input.Add(request);
        }
        input.Complete();

        await _reflection.ServerReflectionInfo(input, output, new TestServerCallContext("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"));

        return output.Messages;
    }

    [Fact]
    public async Task ListServices_ReturnsRegisteredServices()
    {
        var response = Assert.Single(await AskAsync(new ServerReflectionRequest { Host = "h", ListServices = "" }));

        Assert.Equal(["vetactors.tests.catalog.Catalog", "grpc.health.v1.Health"], response.ListServicesResponse.Service.Select(s => s.Name));
        Assert.Equal("h", response.ValidHost);
        Assert.Equal("h", response.OriginalRequest.Host);
    }

    [Fact]
    public async Task FileContainingSymbol_NestedMessage_ReturnsFileWithDependenciesOnce()
    {
        var response = Assert.Single(await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "vetactors.tests.catalog.Product.Variant.Option" }));

        var names = response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name).ToList();
        Assert.Equal(CatalogDescriptors.CatalogFile, names[0]);
        Assert.Equal(8, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("vetactors.tests.catalog.Product.Variant.Option", response.OriginalRequest.FileContainingSymbol);
    }

    [Fact]
    public async Task UnknownSymbolThenKnownFile_AnsweredInOrder()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Missing" },
            new ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" },
            new ServerReflectionRequest { AllExtensionNumbersOfType = "grpc.health.v1.HealthCheckRequest" });

        Assert.Equal((int)StatusCode.NotFound, responses[0].ErrorResponse.ErrorCode);
        Assert.Equal("grpc/health/v1/health.proto", FileDescriptorProto.Parser.ParseFrom(Assert.Single(responses[1].FileDescriptorResponse.FileDescriptorProto)).Name);
        Assert.Equal("grpc.health.v1.HealthCheckRequest", responses[2].AllExtensionNumbersResponse.BaseTypeName);
        Assert.Equal(3, responses.Count);
    }
}
