using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using VetActors.InteropServer;

// Interop server:  dotnet run -c Release --project tests/InteropServer -- --port=PORT
// Interop client:  dotnet run -c Release --project tests/InteropServer -- --client --server_port=PORT
//                      [--server_host=127.0.0.1] [--test_case=all|name[,name...]]
var options = args
    .Select(a => a.TrimStart('-').Split('=', 2))
    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true", StringComparer.Ordinal);

if (options.ContainsKey("client"))
{
    return await RunClientAsync(options);
}

if (!options.TryGetValue("port", out var portText) || !int.TryParse(portText, CultureInfo.InvariantCulture, out var port))
{
    Console.Error.WriteLine("usage: VetActors.InteropServer --port=PORT | --client --server_port=PORT [--server_host=H] [--test_case=C]");
    return 2;
}
await using var app = await InteropServerHost.StartAsync(port);
Console.WriteLine($"listening on {InteropServerHost.BoundPort(app)}");
await app.WaitForShutdownAsync();
return 0;

static async Task<int> RunClientAsync(Dictionary<string, string> options)
{
    var host = options.GetValueOrDefault("server_host", "127.0.0.1");
    var port = int.Parse(options.GetValueOrDefault("server_port", "0"), CultureInfo.InvariantCulture);
    var cases = options.GetValueOrDefault("test_case", "all") is "all" or "true"
        ? InteropClient.AllCases
        : options["test_case"].Split(',');

    var (channel, client) = InteropClient.Connect(host, port, TimeProvider.System);
    using var disposeChannel = channel;
    var failures = 0;
    foreach (var name in cases)
    {
        try
        {
            await client.RunAsync(name);
            Console.WriteLine($"PASS {name}");
        }
        catch (Exception e) when (e is InteropCaseFailedException or RpcException or ArgumentException)
        {
            failures++;
            Console.WriteLine($"FAIL {name}: {e.GetType().Name}: {e.Message}");
        }
    }
    return failures == 0 ? 0 : 1;
}
