using System.Text.RegularExpressions;

namespace VetActors.Interop.Tests.Infrastructure;

/// <summary>The outcome of one peer process: exit code and everything it printed.</summary>
public sealed partial class PeerRun(string commandLine, int exitCode, string output)
{
    public string CommandLine { get; } = commandLine;

    public int ExitCode { get; } = exitCode;

    /// <summary>Standard output and standard error, interleaved as they arrived.</summary>
    public string Output { get; } = output;

    /// <summary>The peer's own verdict line for a case ("PASS name..." or "FAIL name: why"), or null.</summary>
    public string? VerdictFor(string name)
    {
        foreach (Match match in VerdictLine().Matches(Output))
        {
            var rest = match.Groups[2].Value;
            if (rest == name || rest.StartsWith(name + " ", StringComparison.Ordinal) || rest.StartsWith(name + ":", StringComparison.Ordinal))
            {
                return match.Value.TrimEnd('\r');
            }
        }
        return null;
    }

    /// <summary>Fails with the peer's verdict and whole output unless it printed PASS for the case.</summary>
    public void AssertPassed(string name)
    {
        var verdict = VerdictFor(name);
        Assert.True(verdict is not null && verdict.StartsWith("PASS", StringComparison.Ordinal),
            $"{name}: {verdict ?? "no verdict printed"}\n--- {CommandLine} (exit {ExitCode}) ---\n{Output}");
    }

    /// <summary>Fails with the whole output unless the peer exited with 0.</summary>
    public void AssertExitedCleanly() =>
        Assert.True(ExitCode == 0, $"--- {CommandLine} exited with {ExitCode} ---\n{Output}");

    [GeneratedRegex(@"^(PASS|FAIL) (.*)$", RegexOptions.Multiline)]
    private static partial Regex VerdictLine();
}
