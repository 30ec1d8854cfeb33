using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VetActors.Silo.Configuration;

/// <summary>Rejects a silo configuration that could not work, with a message naming the setting.</summary>
internal sealed partial class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceId) || !ServiceIdPattern().IsMatch(options.ServiceId))
        {
            failures.Add("Silo:ServiceId must be 1-64 letters, digits, '.', '_' or '-'.");
        }

        if (!TryParseListenUrl(options.ListenUrl, out _, out _))
        {
            failures.Add($"Silo:ListenUrl '{options.ListenUrl}' must look like http://127.0.0.1:5080 (http, an IP address or localhost, a port, no path).");
        }

        if (options.ShutdownTimeout < TimeSpan.FromSeconds(1) || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Silo:ShutdownTimeout must be between 00:00:01 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Splits a listen URL into an address (<c>null</c> for localhost) and a port.</summary>
    public static bool TryParseListenUrl(string? url, out IPAddress? address, out int port)
    {
        address = null;
        port = 0;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.IsDefaultPort ||
            uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        port = uri.Port;
        if (uri.IsLoopback && string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out address);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ServiceIdPattern();
}
