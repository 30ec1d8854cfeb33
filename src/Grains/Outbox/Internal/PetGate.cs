using VetActors.Actors;
using VetActors.Grains.Audit;
using VetActors.Grains.Common;
using VetActors.Grains.Pets;

namespace VetActors.Grains.Outbox.Internal;

/// <summary>
/// The one deceased-pet check of every outbox: a message about a pet is refused while the pet says its owner must not
/// hear about it, and the refusal is written to the clinic's audit log first, so nothing is withheld silently.
/// </summary>
internal static class PetGate
{
    private const int ExcerptLength = 80;

    public static async Task EnsureAllowedAsync(IGrainFactory? grains, OutgoingMessage message)
    {
        if (message.PetId is not { } petId)
        {
            return;
        }

        // Without the grains nobody can say the pet is alive; refusing is the safe side.
        var factory = grains ?? throw new InvalidOperationException("The outbox needs the grain factory to check the pet a message is about.");
        var block = await factory.GetGrain<IPetGrain>(GrainKeys.Pet(message.ClinicId, petId)).GetNotificationBlockAsync();
        if (block is null)
        {
            return;
        }

        var what = string.IsNullOrWhiteSpace(message.Subject) ? Excerpt(message.Body) : message.Subject;
        await AuditLog.For(factory, message.ClinicId).AppendAsync(new AuditRecord(
            AuditActors.InternalService,
            "notification.withheld",
            "pet/" + petId,
            After: $"{message.Channel} to {(message.ClientId is { } clientId ? "client " + clientId : message.To)} \"{what}\" not sent: {block}"));
        throw new RuleViolation(OutboxRules.PetNotNotifiable, $"Nothing was queued: {block}.");
    }

    private static string Excerpt(string body) => body.Length <= ExcerptLength ? body : body[..ExcerptLength] + "…";
}
