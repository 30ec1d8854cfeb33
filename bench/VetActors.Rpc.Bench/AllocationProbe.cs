namespace VetActors.Rpc.Bench;

/// <summary>
/// The quick, direct form of the allocation measurement (<c>--alloc</c>): N calls from one thread, with the
/// process-wide allocation delta (GC.GetTotalAllocatedBytes(precise)) minus the client thread's own delta
/// (GC.GetAllocatedBytesForCurrentThread) giving the server's bytes per call.
/// </summary>
public static class AllocationProbe
{
    public static async Task<string> MeasureAsync(int payloadBytes, int calls, bool bare = false)
    {
        await using var server = await BenchServer.StartAsync(bare: bare);
        using var client = UnaryCallBenchmarks.CreateClient(server.Port, payloadBytes, bare ? 5 : null);
        for (var i = 0; i < 20_000; i++)
        {
            client.Call();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var totalBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clientBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            client.Call();
        }
        var clientBytes = GC.GetAllocatedBytesForCurrentThread() - clientBefore;
        var totalBytes = GC.GetTotalAllocatedBytes(precise: true) - totalBefore;
        var exceptions = 0;
        AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref exceptions);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20_000; i++)
        {
            client.Call();
        }
        var elapsed = watch.Elapsed;
        var serverPerCall = (double)(totalBytes - clientBytes) / calls;
        return FormattableString.Invariant(
            $"{(bare ? "bare " : "grpc ")}payload {payloadBytes,5} B: server {serverPerCall,7:F1} B/call (process {totalBytes / (double)calls:F1}, client thread {clientBytes / (double)calls:F1}) over {calls} calls; sequential {20_000 / elapsed.TotalSeconds:F0} calls/s, {exceptions} exceptions");
    }
}
