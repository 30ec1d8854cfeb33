using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace VetActors.Grains.Outbox.Internal;

/// <summary>Sends email through the configured SMTP server (System.Net.Mail).</summary>
internal sealed class SmtpTransport(IOptions<OutboxOptions> options) : IMessageTransport
{
    public async Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpEnableSsl };
        if (!string.IsNullOrEmpty(settings.SmtpUserName))
        {
            client.Credentials = new NetworkCredential(settings.SmtpUserName, settings.SmtpPassword);
        }

        using var mail = new MailMessage(settings.FromAddress, entry.Message.To, entry.Message.Subject, entry.Message.Body)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        mail.Headers.Add("X-VetActors-Clinic", entry.Message.ClinicId);
        await client.SendMailAsync(mail, cancellationToken);
    }
}
