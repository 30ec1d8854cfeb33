namespace VetActors.Actors.Postgres.Internal;

/// <summary>
/// The OS account the server runs under: the caller's own, or <c>postgres</c> when the caller is root,
/// because initdb and the server refuse to run as root.
/// </summary>
internal sealed class ServerAccount
{
    private const string PostgresUser = "postgres";

    private ServerAccount(string? runAsUser)
    {
        RunAsUser = runAsUser;
    }

    /// <summary>The user to switch to with <c>runuser</c>, or <c>null</c> to run as the current user.</summary>
    public string? RunAsUser { get; }

    public static ServerAccount Current() => new(Environment.IsPrivilegedProcess ? PostgresUser : null);

    /// <summary>
    /// Fails clearly when the server's user cannot reach a folder it owns, which happens when a parent folder
    /// is private to another user (a checkout under <c>/root</c>, say): initdb would only say "permission denied".
    /// </summary>
    public async Task EnsureReachableAsync(string path, CancellationToken cancellationToken)
    {
        if (RunAsUser is null)
        {
            return;
        }

        var probe = await ProcessRunner.RunAsync("test", ["-w", path], RunAsUser, TimeSpan.FromSeconds(10), cancellationToken);
        if (!probe.Succeeded)
        {
            throw new InvalidOperationException(
                $"The '{RunAsUser}' OS user, which runs PostgreSQL, cannot reach '{path}': one of its parent folders is closed " +
                "to other users. Choose a data folder under a path it can enter, e.g. /var/lib/vetactors/postgres.");
        }
    }

    /// <summary>Hands a folder (recursively) or a file to the server's user and makes it private to that user.</summary>
    public async Task TakeOwnershipAsync(string path, CancellationToken cancellationToken)
    {
        if (RunAsUser is not null)
        {
            var chown = await ProcessRunner.RunAsync("chown", ["-R", $"{RunAsUser}:", path], runAsUser: null, TimeSpan.FromSeconds(60), cancellationToken);
            if (!chown.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Could not give '{path}' to the '{RunAsUser}' OS user (does the user exist? Debian's 'postgresql' package creates it): {chown.Output}");
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            File.SetUnixFileMode(path, Directory.Exists(path) ? mode | UnixFileMode.UserExecute : mode);
        }
    }
}
