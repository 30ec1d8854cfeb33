using System.Globalization;
using Microsoft.Extensions.Hosting;
using VetActors.InteropServer;

// dotnet run -c Release --project tests/InteropServer -- --port=PORT
// Serves the interop services on h2c at 127.0.0.1:PORT (0 picks a free port) and prints
// "listening on PORT" once it accepts calls.
var port = args
    .Where(a => a.StartsWith("--port=", StringComparison.Ordinal))
    .Select(a => int.TryParse(a["--port=".Length..], CultureInfo.InvariantCulture, out var p) ? p : -1)
    .DefaultIfEmpty(-1)
    .Last();
if (port < 0)
{
    Console.Error.WriteLine("usage: VetActors.InteropServer --port=PORT");
    return 2;
}
await using var app = await InteropServerHost.StartAsync(port);
Console.WriteLine($"listening on {InteropServerHost.BoundPort(app)}");
await app.WaitForShutdownAsync();
return 0;
