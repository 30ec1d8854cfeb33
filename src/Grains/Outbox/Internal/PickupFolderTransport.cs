using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace VetActors.Grains.Outbox.Internal;

/// <summary>
/// Writes each message as an RFC 5322 <c>.eml</c> file (plain UTF-8 text, 8bit) into the pickup folder, named after
/// its outbox id so a re-delivery overwrites rather than duplicates. Written to a temporary name first, then moved,
/// so a reader never sees half a file.
/// </summary>
internal sealed class PickupFolderTransport(IOptions<OutboxOptions> options, TimeProvider time) : IMessageTransport
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory);

    public async Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var message = entry.Message;
        var name = string.Create(CultureInfo.InvariantCulture, $"{entry.CreatedAt:yyyyMMdd'T'HHmmss}-{entry.Id:D10}-{message.Channel.ToString().ToLowerInvariant()}.eml");
        var text = new StringBuilder()
            .Append("From: ").Append(options.Value.FromAddress).Append("\r\n")
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("Subject: ").Append(EncodeHeader(message.Subject)).Append("\r\n")
            .Append("Date: ").Append(time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Message-ID: <outbox-").Append(entry.Id.ToString(CultureInfo.InvariantCulture)).Append("@vetactors>\r\n")
            .Append("X-VetActors-Clinic: ").Append(message.ClinicId).Append("\r\n")
            .Append("X-VetActors-Channel: ").Append(message.Channel.ToString().ToLowerInvariant()).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(message.Body.ReplaceLineEndings("\r\n"))
            .Append("\r\n")
            .ToString();
        var temporary = Path.Combine(Directory, "." + name + ".tmp");
        await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        File.Move(temporary, Path.Combine(Directory, name), overwrite: true);
    }

    /// <summary>RFC 2047 encoded-word for headers that are not plain ASCII.</summary>
    private static string EncodeHeader(string value) =>
        value.All(char.IsAscii) ? value : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";
}
