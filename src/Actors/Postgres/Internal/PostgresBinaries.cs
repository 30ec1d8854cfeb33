using System.Globalization;

namespace VetActors.Actors.Postgres.Internal;

/// <summary>Finds the PostgreSQL server programs installed on the machine.</summary>
internal sealed class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";

    private PostgresBinaries(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// Picks the configured folder, else the installed major version matching an existing cluster, else the
    /// newest <c>/usr/lib/postgresql/N/bin</c>, else <c>pg_config --bindir</c>.
    /// </summary>
    public static async Task<PostgresBinaries> LocateAsync(string? configured, int? clusterMajorVersion, CancellationToken cancellationToken)
    {
        if (configured is not null)
        {
            return HasServerPrograms(configured)
                ? new PostgresBinaries(configured)
                : throw new InvalidOperationException(
                    $"The configured PostgreSQL folder '{configured}' does not contain initdb, pg_ctl and postgres. " +
                    "Install Debian's 'postgresql' package (sudo apt-get install postgresql) or point to its bin folder.");
        }

        var installed = FindDebianInstallations();
        if (clusterMajorVersion is { } major && installed.FirstOrDefault(i => i.Major == major) is { Directory: not null } match)
        {
            return new PostgresBinaries(match.Directory);
        }

        if (installed.Count > 0)
        {
            return new PostgresBinaries(installed[0].Directory);
        }

        var fromPgConfig = await ProcessRunner.RunAsync("pg_config", ["--bindir"], runAsUser: null, TimeSpan.FromSeconds(10), cancellationToken);
        if (fromPgConfig.Succeeded && HasServerPrograms(fromPgConfig.Output.Trim()))
        {
            return new PostgresBinaries(fromPgConfig.Output.Trim());
        }

        throw new InvalidOperationException(
            "The PostgreSQL server programs (initdb, pg_ctl, postgres) were not found in " + DebianRoot +
            "/<version>/bin nor through 'pg_config --bindir'. Install Debian's 'postgresql' package " +
            "(sudo apt-get install postgresql), or configure a connection string to an existing server.");
    }

    private static List<(int Major, string Directory)> FindDebianInstallations()
    {
        if (!System.IO.Directory.Exists(DebianRoot))
        {
            return [];
        }

        return System.IO.Directory.EnumerateDirectories(DebianRoot)
            .Select(d => (Name: Path.GetFileName(d), Bin: Path.Combine(d, "bin")))
            .Where(d => int.TryParse(d.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _) && HasServerPrograms(d.Bin))
            .Select(d => (int.Parse(d.Name, CultureInfo.InvariantCulture), d.Bin))
            .OrderByDescending(d => d.Item1)
            .ToList();
    }

    private static bool HasServerPrograms(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) &&
        File.Exists(Path.Combine(directory, "pg_ctl")) &&
        File.Exists(Path.Combine(directory, "postgres"));
}
