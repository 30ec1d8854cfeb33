using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VetActors.Actors.Postgres.Internal;

/// <summary>What lives in and around a cluster's data folder: its version, its settings file, its lock file.</summary>
internal sealed class ClusterFolder
{
    /// <summary>The settings file written on every start and included from postgresql.conf.</summary>
    public const string SettingsFileName = "vetactors.conf";

    /// <summary>
    /// The port only names the socket file when TCP is off; the socket folder is private, so it never collides.
    /// </summary>
    public const int SocketOnlyPort = 5432;

    public ClusterFolder(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);

        // Unix socket paths are limited to ~107 bytes, so the socket lives in a short folder derived from the
        // data folder rather than inside it.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DataDirectory)))[..16];
        SocketDirectory = Path.Combine("/tmp", $"vetactors-pg-{hash}");
    }

    public string DataDirectory { get; }

    public string SocketDirectory { get; }

    public string LogFile => Path.Combine(DataDirectory, "server.log");

    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    // The process that started (or took over) the running server, so a second starter can tell a live owner
    // from a dead one.
    private string OwnerFile => Path.Combine(DataDirectory, "vetactors.owner");

    public bool IsInitialized => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>The major version that created the cluster, or <c>null</c> before initdb.</summary>
    public int? MajorVersion =>
        IsInitialized && int.TryParse(File.ReadAllText(Path.Combine(DataDirectory, "PG_VERSION")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;

    public bool HasOtherContent =>
        Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any();

    /// <summary>Makes postgresql.conf include our settings file (once, right after initdb).</summary>
    public void IncludeSettingsFile()
    {
        var conf = Path.Combine(DataDirectory, "postgresql.conf");
        var line = $"include_if_exists = '{SettingsFileName}'";
        if (!File.ReadLines(conf).Contains(line))
        {
            File.AppendAllText(conf, $"{Environment.NewLine}# Settings managed by VetActors (rewritten at every start).{Environment.NewLine}{line}{Environment.NewLine}");
        }
    }

    public void WriteSettings(EmbeddedPostgresOptions options, int port)
    {
        var listen = options.TcpPort is null ? string.Empty : "127.0.0.1";
        var settings = new StringBuilder()
            .AppendLine("# Written by VetActors' EmbeddedPostgres at every start; edits are overwritten.")
            .AppendLine(CultureInfo.InvariantCulture, $"listen_addresses = '{listen}'")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {port}")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{SocketDirectory}'")
            .AppendLine("unix_socket_permissions = 0700")
            .AppendLine(CultureInfo.InvariantCulture, $"max_connections = {options.MaxConnections}")
            .AppendLine(CultureInfo.InvariantCulture, $"shared_buffers = '{options.SharedBuffers}'")
            // Durability is the point of the database: every commit is flushed before it is acknowledged.
            .AppendLine("fsync = on")
            .AppendLine("synchronous_commit = on")
            .AppendLine("full_page_writes = on")
            .AppendLine(CultureInfo.InvariantCulture, $"commit_delay = {options.CommitDelayMicroseconds}")
            .AppendLine(CultureInfo.InvariantCulture, $"commit_siblings = {options.CommitSiblings}")
            .AppendLine("log_checkpoints = off")
            .AppendLine("log_min_messages = warning")
            .AppendLine("timezone = 'UTC'")
            .AppendLine("log_timezone = 'UTC'")
            .ToString();
        File.WriteAllText(Path.Combine(DataDirectory, SettingsFileName), settings);
    }

    /// <summary>
    /// Inspects postmaster.pid: <c>true</c> when a live server runs on this folder. A lock file left by a killed
    /// server is deleted, since PostgreSQL refuses to start when its old PID now belongs to another process.
    /// </summary>
    public bool ServerIsRunning()
    {
        if (!File.Exists(PidFile))
        {
            return false;
        }

        var first = File.ReadLines(PidFile).FirstOrDefault();
        if (int.TryParse(first, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pid) && IsOurPostmaster(Math.Abs(pid)))
        {
            return true;
        }

        File.Delete(PidFile);
        return false;
    }

    /// <summary>The port recorded in postmaster.pid (its fourth line) by the running server, if readable.</summary>
    public int? RunningServerPort()
    {
        try
        {
            var line = File.ReadLines(PidFile).Skip(3).FirstOrDefault();
            return int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The live process, other than this one, that owns the running server; <c>null</c> when there is none.</summary>
    public int? LiveOwnerOtherThanCurrentProcess()
    {
        if (!File.Exists(OwnerFile) ||
            !int.TryParse(File.ReadAllText(OwnerFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var owner))
        {
            return null;
        }

        return owner != Environment.ProcessId && Directory.Exists($"/proc/{owner.ToString(CultureInfo.InvariantCulture)}") ? owner : null;
    }

    public void RecordOwner() => File.WriteAllText(OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    public void ForgetOwner() => File.Delete(OwnerFile);

    private bool IsOurPostmaster(int pid)
    {
        var proc = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}";
        if (!Directory.Exists(proc))
        {
            return false;
        }

        try
        {
            // The postmaster runs with its data folder as working directory.
            var cwd = new DirectoryInfo(Path.Combine(proc, "cwd")).ResolveLinkTarget(returnFinalTarget: false)?.FullName;
            if (cwd is not null)
            {
                return string.Equals(Path.TrimEndingDirectorySeparator(cwd), DataDirectory, StringComparison.Ordinal);
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // Not allowed to look at another user's process: fall back to its name.
        }

        var comm = Path.Combine(proc, "comm");
        return File.Exists(comm) && File.ReadAllText(comm).Trim() is "postgres" or "postmaster";
    }
}
