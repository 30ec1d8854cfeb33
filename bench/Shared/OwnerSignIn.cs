using System.Text.RegularExpressions;
using VetActors.Protos.Identity.V1;

namespace VetActors.Bench.Shared;

/// <summary>
/// Signs pet owners in as the portal does: a code requested for the email on their client record, read from the
/// email the silo writes to its pickup folder, then verified for a portal session.
/// </summary>
internal static partial class OwnerSignIn
{
    public static async Task<IReadOnlyList<string>> SignInAsync(SyntheticClinicSilo clinic, IReadOnlyList<string> emails)
    {
        var signIn = new SignIn.SignInClient(clinic.Channel);
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(emails.Select(async email =>
        {
            await gate.WaitAsync();
            try
            {
                await signIn.RequestClientCodeAsync(new RequestClientCodeRequest { ClinicId = clinic.ClinicId, EmailOrMobile = email });
            }
            finally
            {
                gate.Release();
            }
        }));

        var codes = await AwaitCodesAsync(clinic.PickupDirectory, emails);
        var tokens = new string[emails.Count];
        await Task.WhenAll(emails.Select(async (email, i) =>
        {
            await gate.WaitAsync();
            try
            {
                var verified = await signIn.VerifyClientCodeAsync(new VerifyClientCodeRequest { ClinicId = clinic.ClinicId, EmailOrMobile = email, Code = codes[email] });
                tokens[i] = verified.Session.Token;
            }
            finally
            {
                gate.Release();
            }
        }));
        return tokens;
    }

    /// <summary>The outbox delivers in the background: read the pickup folder until every owner's code is there (bounded).</summary>
    private static async Task<Dictionary<string, string>> AwaitCodesAsync(string pickupDirectory, IReadOnlyList<string> emails)
    {
        var wanted = emails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var read = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 600 && codes.Count < wanted.Count; attempt++)
        {
            foreach (var file in Directory.Exists(pickupDirectory) ? Directory.GetFiles(pickupDirectory, "*.eml") : [])
            {
                if (!read.Add(file))
                {
                    continue;
                }

                var text = await File.ReadAllTextAsync(file);
                if (Recipient().Match(text) is { Success: true } to && wanted.Contains(to.Groups[1].Value) && Code().Match(text) is { Success: true } code)
                {
                    codes[to.Groups[1].Value] = code.Groups[1].Value;
                }
            }

            await Task.Delay(100);
        }

        return codes.Count == wanted.Count ? codes : throw new TimeoutException($"Only {codes.Count} of {wanted.Count} sign-in codes arrived.");
    }

    [GeneratedRegex(@"^To: (\S+)\r$", RegexOptions.Multiline)]
    private static partial Regex Recipient();

    [GeneratedRegex(@"code is (\d{6})")]
    private static partial Regex Code();
}
