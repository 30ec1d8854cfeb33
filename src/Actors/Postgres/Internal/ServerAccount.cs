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
