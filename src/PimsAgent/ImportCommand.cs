using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using VetActors.Rpc.Client;

namespace VetActors.PimsAgent;

/// <summary>The <c>import</c> command: streams an export to a VetActors server, resuming where the server left off.</summary>
internal static class ImportCommand
{
    public static Command Create(Action<string> print)
    {
        var server = new Option<Uri>("--server") { Description = "The VetActors server, e.g. http://127.0.0.1:5080.", Required = true };
        var apiKey = new Option<string>("--api-key") { Description = "The clinic's agent API key (or VETACTORS_AGENT_KEY)." };
        var export = new Option<FileInfo>("--export") { Description = "The PIMS export to send (JSON Lines).", Required = true };
        var state = new Option<FileInfo?>("--state") { Description = "Where to remember progress (default: <export>.state.json)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Records per batch.", DefaultValueFactory = _ => 1000 };
        var agentId = new Option<string>("--agent-id") { Description = "This installation's id.", DefaultValueFactory = _ => Environment.MachineName };
        var pims = new Option<string>("--pims") { Description = "The PIMS product the export comes from.", DefaultValueFactory = _ => "AVImark" };
        var changes = new Option<bool>("--changes") { Description = "The export holds changes, not a full import." };
        var stayConnected = new Option<bool>("--stay-connected")
        {
            Description = "After the import, keep the stream open until stopped (Ctrl+C): heartbeats keep the clinic's integration live, "
                + "and when the server asks for a resync the export is sent again from its start.",
        };
        var command = new Command("import", "Streams an export to VetActors, resuming after disconnects.")
        {
            server, apiKey, export, state, batchSize, agentId, pims, changes, stayConnected,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("VETACTORS_AGENT_KEY");
            if (string.IsNullOrWhiteSpace(key))
            {
                print("An API key is needed: --api-key or VETACTORS_AGENT_KEY.");
                return 2;
            }

            var file = parse.GetValue(export)!;
            var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            using var reader = new StreamReader(new MemoryStream(bytes));
            var records = ExportReader.Read(reader).ToList();
            var options = new AgentOptions
            {
                AgentId = parse.GetValue(agentId)!,
                PimsKind = parse.GetValue(pims)!,
                ApiKey = key,
                StatePath = parse.GetValue(state)?.FullName ?? file.FullName + ".state.json",
                BatchSize = parse.GetValue(batchSize),
                FullImport = !parse.GetValue(changes),
                StayConnected = parse.GetValue(stayConnected),
            };
            using var channel = GrpcChannel.ForAddress(parse.GetValue(server)!);
            var progress = new PrintingProgress(print);
            var agent = new SyncAgent(channel.CreateCallInvoker, options, progress, TimeProvider.System);
            AgentProgress result;
            try
            {
                result = await agent.RunAsync(records, hash, cancellationToken);
            }
            catch (Exception e) when (options.StayConnected && cancellationToken.IsCancellationRequested
                && e is OperationCanceledException or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled })
            {
                // Staying connected ends only when the operator stops the agent.
                print("stopped");
                return 0;
            }

            print(string.Create(CultureInfo.InvariantCulture,
                $"done: {records.Count} records in {result.TotalBatches} batches; {result.Applied} applied, {result.Held} held, {result.Rejected} rejected, {result.Reconnects} reconnects"));
            return 0;
        });
        return command;
    }

    /// <summary>Prints progress on the caller's thread (Progress&lt;T&gt; would post it, out of order).</summary>
    private sealed class PrintingProgress(Action<string> print) : IProgress<AgentProgress>
    {
        public void Report(AgentProgress value)
        {
            if (value.LastAck is null)
            {
                print($"reconnecting ({value.Reconnects})…");
                return;
            }

            foreach (var rejected in value.LastAck.Rejected)
            {
                print($"  rejected {rejected.Kind} {rejected.RecordId}: {rejected.Reason}");
            }

            print(string.Create(CultureInfo.InvariantCulture,
                $"batch {value.LastAck.Sequence}: {value.AcknowledgedBatches}/{value.TotalBatches} acknowledged; {value.Applied} applied, {value.Held} held, {value.Rejected} rejected"));
        }
    }
}
