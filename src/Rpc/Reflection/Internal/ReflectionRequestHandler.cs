using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;

namespace VetActors.Rpc.Reflection.Internal;

/// <summary>Answers one reflection request (v1 messages; v1alpha is wire-identical and converted to them).</summary>
internal static class ReflectionRequestHandler
{
    public static ServerReflectionResponse Handle(ServerReflectionRequest request, ReflectionRegistry registry)
    {
        var response = new ServerReflectionResponse
        {
            ValidHost = request.Host,
            OriginalRequest = request,
        };

        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(registry.ServiceNames.Select(name => new ServiceResponse { Name = name }));
                response.ListServicesResponse = list;
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, registry.FindFileByName(request.FileByFilename), $"File not found: '{request.FileByFilename}'.");
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, registry.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol not found: '{request.FileContainingSymbol}'.");
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFile(
                    response,
                    registry.FindFileContainingExtension(extension.ContainingType, extension.ExtensionNumber),
                    $"Extension not found: number {extension.ExtensionNumber} of '{extension.ContainingType}'.");
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (registry.FindExtensionNumbers(request.AllExtensionNumbersOfType) is { } numbers)
                {
                    var extensions = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                    extensions.ExtensionNumber.AddRange(numbers);
                    response.AllExtensionNumbersResponse = extensions;
                }
                else
                {
                    SetError(response, StatusCode.NotFound, $"Type not found: '{request.AllExtensionNumbersOfType}'.");
                }
                break;

            default:
                // No query, or one added to the protocol after this server was written.
                SetError(response, StatusCode.Unimplemented, "The request holds no query this server knows.");
                break;
        }
        return response;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }
        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(ReflectionRegistry.WithDependencies(file));
        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
