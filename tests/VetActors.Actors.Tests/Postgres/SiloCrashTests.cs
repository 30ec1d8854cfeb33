using System.Globalization;

namespace VetActors.Actors.Tests.Postgres;

/// <summary>A silo process killed with SIGKILL mid-stream loses no acknowledged write and doubles none.</summary>
public sealed class SiloCrashTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Keys = 32;
    private const int KillAfterAcks = 400;
    private static readonly TimeSpan LineLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SigkillMidStream_EveryAcknowledgedWriteSurvivesTheRestart()
    {
        var acknowledged = new HashSet<(string Key, long Entry)>();
        var sent = new HashSet<(string Key, long Entry)>();

        using (var silo = CrashHostProcess.Start(database.ConnectionString))
        {
            var writer = Task.Run(() =>
            {
                for (long entry = 0; entry < 100_000; entry++)
                {
                    var key = "k" + (entry % Keys).ToString(CultureInfo.InvariantCulture);
                    lock (sent)
                    {
                        sent.Add((key, entry));
                    }
                    if (!silo.TrySend($"w {key} {entry}"))
                    {
                        return;
                    }
                }
            });

            while (acknowledged.Count < KillAfterAcks && silo.NextLine(LineLimit) is { } line)
            {
                var parts = line.Split(' ');
                Assert.Equal("a", parts[0]);
                acknowledged.Add((parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture)));
            }

            silo.Kill();
            await writer;
        }

        Assert.True(acknowledged.Count >= KillAfterAcks, "The silo stopped acknowledging before the kill.");
        lock (sent)
        {
            Assert.True(sent.Count > acknowledged.Count, "The kill must land while writes are still in flight.");
        }

        using var restarted = CrashHostProcess.Start(database.ConnectionString);
        for (var k = 0; k < Keys; k++)
        {
            var key = "k" + k.ToString(CultureInfo.InvariantCulture);
            Assert.True(restarted.TrySend($"r {key}"));
            var reply = restarted.NextLine(LineLimit)!.Split(' ');
            Assert.Equal(["v", key], reply[..2]);
            var stored = reply.Length > 2 && reply[2].Length > 0
                ? reply[2].Split(',').Select(e => long.Parse(e, CultureInfo.InvariantCulture)).ToList()
                : [];

            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.All(stored, entry => Assert.Contains((key, entry), sent));
            Assert.All(acknowledged.Where(a => a.Key == key), a => Assert.Contains(a.Entry, stored));
        }
    }
}
