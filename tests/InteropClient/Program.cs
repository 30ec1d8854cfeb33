using System.Globalization;
using Grpc.Core;
using VetActors.InteropClient;

// The gRPC interop cases run with VetActors.Rpc's client channel against any interop server:
//   dotnet run -c Release --project tests/InteropClient -- --server_port=PORT
//       [--server_host=127.0.0.1] [--test_case=all|name[,name...]]
// Prints PASS/FAIL per case; exits 0 only if every case passed.
var options = args
    .Select(a => a.TrimStart('-').Split('=', 2))
    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
if (!options.TryGetValue("server_port", out var portText) || !int.TryParse(portText, CultureInfo.InvariantCulture, out var port))
{
    Console.Error.WriteLine("usage: VetActors.InteropClient --server_port=PORT [--server_host=HOST] [--test_case=all|name,...]");
    return 2;
}
var host = options.GetValueOrDefault("server_host", "127.0.0.1");
var cases = options.GetValueOrDefault("test_case", "all") is "all" or ""
    ? InteropTestClient.AllCases
    : options["test_case"].Split(',');

var (channel, client) = InteropTestClient.Connect(host, port, TimeProvider.System);
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
