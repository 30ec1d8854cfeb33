using System.CommandLine;
using System.Globalization;
using VetActors.PimsAgent;

// The reference PIMS agent: reads a JSON Lines export (docs/pims-export.md) and streams it to VetActors,
// resuming after disconnects; or writes a synthetic clinic export for demos and benchmarks.
var root = new RootCommand("VetActors reference PIMS agent.");

var clientsOption = new Option<int>("--clients") { Description = "How many clients the synthetic clinic has.", DefaultValueFactory = _ => 100 };
var outOption = new Option<FileInfo>("--out") { Description = "The export file to write.", Required = true };
var generate = new Command("generate", "Writes a synthetic clinic as a PIMS export (JSON Lines).") { clientsOption, outOption };
generate.SetAction(parse =>
{
    var file = parse.GetValue(outOption)!;
    using var writer = new StreamWriter(file.FullName);
    var count = SyntheticExport.Write(writer, parse.GetValue(clientsOption), DateOnly.FromDateTime(DateTime.UtcNow));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count} records to {file.FullName}"));
    return 0;
});
root.Subcommands.Add(generate);

var exportOption = new Option<FileInfo>("--export") { Description = "The PIMS export to read (JSON Lines).", Required = true };
var inspect = new Command("inspect", "Counts an export's records by kind, as the agent would send them.") { exportOption };
inspect.SetAction(parse =>
{
    using var reader = new StreamReader(parse.GetValue(exportOption)!.FullName);
    foreach (var group in ExportReader.Read(reader).GroupBy(r => r.PayloadCase).OrderBy(g => g.Key))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key,-16} {group.Count(),8}"));
    }

    return 0;
});
root.Subcommands.Add(inspect);
root.Subcommands.Add(ImportCommand.Create(Console.WriteLine));

return await root.Parse(args).InvokeAsync();
