using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;

namespace VetActors.GrpcApi.Errors.Internal;

/// <summary>The one table from exceptions to gRPC statuses (STYLE.md point 7).</summary>
internal static class StatusMapping
{
    /// <summary>The trailer carrying a serialized <c>google.rpc.Status</c> with typed details.</summary>
    public const string StatusDetailsTrailer = "grpc-status-details-bin";

    public const string InternalMessage = "An internal error occurred. It has been logged.";

    private static readonly (System.Type Exception, StatusCode Code)[] Table =
    [
        (typeof(ValidationException), StatusCode.InvalidArgument),
        (typeof(NotFoundException), StatusCode.NotFound),
        (typeof(RuleViolation), StatusCode.FailedPrecondition),
        (typeof(AlreadyExistsException), StatusCode.AlreadyExists),
        (typeof(PermissionDeniedException), StatusCode.PermissionDenied),
        (typeof(AuthenticationFailedException), StatusCode.Unauthenticated),
        (typeof(RateLimitedException), StatusCode.ResourceExhausted),
        (typeof(InconsistentStateException), StatusCode.Aborted),
        (typeof(TimeoutException), StatusCode.Unavailable),
        (typeof(SiloUnavailableException), StatusCode.Unavailable),
    ];

    /// <summary>The status for a known exception, or <c>null</c> for anything else (which is INTERNAL).</summary>
    public static StatusCode? Find(Exception exception)
    {
        foreach (var (type, code) in Table)
        {
            if (type.IsInstanceOfType(exception))
            {
                return code;
            }
        }

        return null;
    }

    /// <summary>The exception to end the call with: the mapped status, its message, and for validation the field violations as details.</summary>
    public static RpcException ToRpcException(Exception exception, StatusCode code)
    {
        var message = code switch
        {
            StatusCode.Aborted => "The object was changed by another call at the same time; read it again and retry.",
            StatusCode.Unavailable => "The service is busy; retry shortly.",
            _ => exception.Message,
        };
        var status = new Status(code, message);
        if (exception is not ValidationException validation)
        {
            return new RpcException(status);
        }

        var badRequest = new Google.Rpc.BadRequest();
        badRequest.FieldViolations.AddRange(validation.Violations.Select(v => new Google.Rpc.BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var details = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(badRequest) } };
        var trailers = new Metadata { { StatusDetailsTrailer, details.ToByteArray() } };
        return new RpcException(status, trailers);
    }
}
