using BenchmarkDotNet.Running;
using VetActors.Rpc.Bench;

// `--alloc` prints the server's bytes per unary call directly; anything else goes to BenchmarkDotNet.
if (args is ["--alloc", ..])
{
    var calls = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    foreach (var payload in new[] { 0, 1024 })
    {
        Console.WriteLine(await AllocationProbe.MeasureAsync(payload, calls));
    }
    if (args.Contains("--bare"))
    {
        Console.WriteLine(await AllocationProbe.MeasureAsync(0, calls, bare: true));
    }
    return;
}
// `--serve PORT` runs the bench server alone (`--serve-bare PORT`: the same route on bare Kestrel, no gRPC layer) (h2c on 127.0.0.1:PORT) for an external load generator such as h2load.
if (args is [("--serve" or "--serve-bare") and var mode, var port, ..])
{
    await using var server = await BenchServer.StartAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), bare: mode == "--serve-bare");
    Console.WriteLine($"Serving /vetactors.bench.BenchService/Unary on h2c 127.0.0.1:{server.Port}; press Enter to stop.");
    Console.ReadLine();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(UnaryCallBenchmarks).Assembly).Run(args);
