using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using VetActors.Rpc.Internal.Protocol;

namespace VetActors.Rpc.Internal.Server;

internal sealed partial class GrpcServerCallContext
{
    // HTTP/2 error code CANCEL, sent after the DEADLINE_EXCEEDED status as C-core and grpc-dotnet do.
    private const int Http2CancelErrorCode = 0x8;

    private ServerCallDeadline? _deadline;

    /// <summary>The call's deadline state when the client sent <c>grpc-timeout</c>; null otherwise (no timer, no lock).</summary>
    public ServerCallDeadline? CallDeadline => _deadline;

    private void InitializeDeadline()
    {
        var header = _httpContext!.Request.Headers.GrpcTimeout;
        if (header.Count == 0)
        {
            return;
        }
        var value = header.ToString();
        if (!GrpcTimeout.TryParse(value, out var timeout))
        {
            // grpc-dotnet ignores a value it cannot parse rather than failing the call.
            ServerLog.InvalidTimeoutIgnored(_settings.Logger, value);
            return;
        }
        _deadline = new ServerCallDeadline(this, _settings.TimeProvider, timeout, _httpContext.RequestAborted);
    }

    private void DisposeDeadline()
    {
        _deadline?.Dispose();
        _deadline = null;
    }

    /// <summary>Called once by the deadline timer: ends the response with DEADLINE_EXCEEDED, then resets the stream.</summary>
    internal async Task WriteDeadlineExceededAsync()
    {
        var httpContext = _httpContext!;
        ServerLog.DeadlineExceeded(_settings.Logger, _method, _deadline!.Deadline);
        WriteStatus(new Grpc.Core.Status(Grpc.Core.StatusCode.DeadlineExceeded, "Deadline Exceeded"), null);
        if (_responseWriter is Web.Base64ResponseWriter textWriter)
        {
            textWriter.Commit();
        }
        await httpContext.Response.CompleteAsync();
        httpContext.Features.Get<IHttpResetFeature>()?.Reset(Http2CancelErrorCode);
    }
}
