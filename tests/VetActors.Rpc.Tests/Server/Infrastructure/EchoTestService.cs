using System.Globalization;
using Grpc.Core;
using VetActors.Rpc.Tests.Echo;

namespace VetActors.Rpc.Tests.Server.Infrastructure;

/// <summary>
/// The generated Echo service, driven by the request text: plain text is echoed; commands make the handler
/// throw, set a status, wait for cancellation, echo metadata, or ask for compressed responses.
/// </summary>
public sealed class EchoTestService(EchoProbe probe) : EchoService.EchoServiceBase
{
    public override async Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        probe.RequestHeaders = context.RequestHeaders;
        var text = request.Text;
        switch (text)
        {
            case "throw":
                throw new InvalidOperationException("secret internal detail");
            case "set-status":
                context.Status = new Status(StatusCode.NotFound, "not here");
                return new EchoReply { Text = "with status" };
            case "wait":
                await WaitForCancellationAsync(context);
                return new EchoReply();
            case "null":
                return null!;
            case "headers":
                await EchoMetadataAsync(context);
                return new EchoReply { Text = "headers" };
            case "compress":
                await context.WriteResponseHeadersAsync(new Metadata { { "grpc-internal-encoding-request", "gzip" } });
                return new EchoReply { Text = new string('z', 1000) };
            case "compress-off":
                await context.WriteResponseHeadersAsync(new Metadata { { "grpc-internal-encoding-request", "gzip" } });
                context.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
                return new EchoReply { Text = "not compressed" };
            case "context":
                return new EchoReply
                {
                    Text = string.Join("|", context.Method, context.Host, context.Peer,
                        context.Deadline.ToString("O", CultureInfo.InvariantCulture), context.AuthContext.IsPeerAuthenticated,
                        context.GetHttpContext().Request.Protocol),
                };
            case "auth":
                return new EchoReply
                {
                    Text = string.Join("|", context.AuthContext.PeerIdentityPropertyName,
                        string.Join(",", context.AuthContext.PeerIdentity.Select(p => p.Value)),
                        string.Join(",", context.AuthContext.FindPropertiesByName("transport_security_type").Select(p => p.Value))),
                };
            case "identity":
                return new EchoReply { Text = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(context).ToString(CultureInfo.InvariantCulture) };
            case "async":
                await Task.Yield();
                return new EchoReply { Text = "async" };
        }
        if (text.StartsWith("status:", StringComparison.Ordinal))
        {
            var parts = text.Split(':', 3);
            var trailers = new Metadata { { "detail-key", "detail value" }, { "detail-bin", new byte[] { 1, 2, 3 } } };
            throw new RpcException(new Status((StatusCode)int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]), trailers);
        }
        context.ResponseTrailers.Add("echo-trailer", "done");
        return new EchoReply { Text = text };
    }

    public override async Task<EchoReply> Collect(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var texts = new List<string>();
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                texts.Add(requestStream.Current.Text);
                probe.Log.Add(requestStream.Current.Text);
                if (texts.Count == 1)
                {
                    probe.Started.TrySetResult();
                }
            }
        }
        catch (Exception ex)
        {
            probe.Cancelled.TrySetResult(context.CancellationToken.IsCancellationRequested);
            probe.Finished.TrySetResult(ex);
            throw;
        }
        probe.Finished.TrySetResult(null);
        return new EchoReply { Text = string.Join(",", texts) };
    }

    public override async Task Expand(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        probe.KeptWriter = responseStream;
        try
        {
            for (var i = 0; i < request.Repeat; i++)
            {
                await responseStream.WriteAsync(new EchoReply { Text = $"{request.Text} {i}" });
                if (i == 0)
                {
                    probe.Started.TrySetResult();
                }
            }
            if (request.Text == "wait")
            {
                await WaitForCancellationAsync(context);
            }
            if (request.Text == "fail")
            {
                throw new RpcException(new Status(StatusCode.Aborted, "failed after messages"));
            }
        }
        catch (Exception ex)
        {
            probe.Finished.TrySetResult(ex);
            throw;
        }
        probe.Finished.TrySetResult(null);
    }

    public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        try
        {
            await foreach (var request in ReadAllAsync(requestStream, context.CancellationToken))
            {
                if (request.Text == "concurrent")
                {
                    var first = responseStream.WriteAsync(new EchoReply { Text = new string('a', 4 * 1024 * 1024) });
                    var second = first.IsCompleted ? null : responseStream.WriteAsync(new EchoReply { Text = "second" });
                    probe.Log.Add(second is null ? "first write completed at once" : second.IsFaulted ? second.Exception!.InnerException!.GetType().Name : "second accepted");
                    await first;
                    continue;
                }
                await responseStream.WriteAsync(new EchoReply { Text = request.Text });
                probe.Started.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            probe.Cancelled.TrySetResult(context.CancellationToken.IsCancellationRequested);
            probe.Finished.TrySetResult(ex);
            throw;
        }
        probe.Finished.TrySetResult(null);
    }

    private static async IAsyncEnumerable<EchoRequest> ReadAllAsync(IAsyncStreamReader<EchoRequest> reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.MoveNext(cancellationToken))
        {
            yield return reader.Current;
        }
    }

    private async Task WaitForCancellationAsync(ServerCallContext context)
    {
        probe.Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.Cancelled.TrySetResult(context.CancellationToken.IsCancellationRequested);
            throw;
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var headers = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-", StringComparison.Ordinal))
            {
                headers.Add(entry);
                context.ResponseTrailers.Add(entry);
            }
        }
        await context.WriteResponseHeadersAsync(headers);
    }
}
