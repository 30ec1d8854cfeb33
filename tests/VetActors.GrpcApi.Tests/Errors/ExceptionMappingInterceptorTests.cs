using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using VetActors.Actors;
using VetActors.Grains.Common;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Errors.Internal;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.Errors;

public sealed class ExceptionMappingInterceptorTests
{
    private readonly ExceptionMappingInterceptor _interceptor = new(NullLogger<ExceptionMappingInterceptor>.Instance);

    public static TheoryData<Exception, StatusCode> MappedExceptions() => new()
    {
        { new ValidationException("email", "must be an email address."), StatusCode.InvalidArgument },
        { new NotFoundException("x.not_found", "No such thing."), StatusCode.NotFound },
        { new RuleViolation("x.rule", "Not now."), StatusCode.FailedPrecondition },
        { new AlreadyExistsException("x.exists", "Taken."), StatusCode.AlreadyExists },
        { new PermissionDeniedException("x.denied", "Not yours."), StatusCode.PermissionDenied },
        { new AuthenticationFailedException(), StatusCode.Unauthenticated },
        { new RateLimitedException("x.slow_down", "Too many."), StatusCode.ResourceExhausted },
        { new InconsistentStateException("etag"), StatusCode.Aborted },
    };

    [Theory]
    [MemberData(nameof(MappedExceptions))]
    public async Task Unary_DomainException_EndsWithItsStatus(Exception exception, StatusCode expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallThrowing(exception));

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task Unary_DomainException_KeepsItsActionableMessage()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallThrowing(new RuleViolation("staff.last_administrator", "The last one stays.")));

        Assert.Equal("The last one stays.", error.Status.Detail);
    }

    [Fact]
    public async Task Unary_ValidationException_CarriesFieldViolationsAsBadRequestDetail()
    {
        var exception = new ValidationException([new FieldViolation("email", "must be an email address."), new FieldViolation("name", "is required.")]);

        var error = await Assert.ThrowsAsync<RpcException>(() => CallThrowing(exception));

        Assert.Contains("email: must be an email address.", error.Status.Detail, StringComparison.Ordinal);
        var details = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(StatusMapping.StatusDetailsTrailer));
        Assert.Equal((int)StatusCode.InvalidArgument, details.Code);
        var badRequest = details.Details.Single().Unpack<Google.Rpc.BadRequest>();
        Assert.Equal(["email", "name"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", details.Details.Single().TypeUrl);
    }

    [Fact]
    public async Task Unary_UnexpectedException_IsInternalWithGenericMessage()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallThrowing(new InvalidOperationException("connection string Password=secret")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(StatusMapping.InternalMessage, error.Status.Detail);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_RpcException_PassesUnchanged()
    {
        var original = new RpcException(new Status(StatusCode.Unauthenticated, "no"));

        var error = await Assert.ThrowsAsync<RpcException>(() => CallThrowing(original));

        Assert.Same(original, error);
    }

    [Fact]
    public async Task ServerStreaming_DomainException_EndsWithItsStatus()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ServerStreamingServerHandler<Empty, Empty>(
            new Empty(), null!, new TestServerCallContext(), (_, _, _) => throw new NotFoundException("x", "gone")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task DuplexStreaming_DomainException_EndsWithItsStatus()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.DuplexStreamingServerHandler<Empty, Empty>(
            null!, null!, new TestServerCallContext(), async (_, _, _) =>
            {
                await Task.Yield();
                throw new RuleViolation("x", "later");
            }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    private Task<Empty> CallThrowing(Exception exception) =>
        _interceptor.UnaryServerHandler<Empty, Empty>(new Empty(), new TestServerCallContext(), async (_, _) =>
        {
            await Task.Yield();
            throw exception;
        });

}
