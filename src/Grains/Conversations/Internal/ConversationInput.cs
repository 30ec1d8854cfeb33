using VetActors.Grains.Common;

namespace VetActors.Grains.Conversations.Internal;

/// <summary>Checks what clients and staff write, before any state changes.</summary>
internal static class ConversationInput
{
    internal const int MaxSubjectLength = 200;
    internal const int MaxTextLength = 4000;
    internal const int MaxAttachments = 10;

    internal static void CheckRequest(ConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            violations.Add(new FieldViolation("subject", "is required."));
        }
        else if (request.Subject.Length > MaxSubjectLength)
        {
            violations.Add(new FieldViolation("subject", $"must be at most {MaxSubjectLength} characters."));
        }

        CheckBody(request.Text, request.AttachmentIds, violations);
        ThrowIfAny(violations);
    }

    internal static void CheckMessage(NewMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var violations = new List<FieldViolation>();
        CheckParticipant(message.Author, "author", violations);
        CheckBody(message.Text, message.AttachmentIds, violations);
        ThrowIfAny(violations);
    }

    internal static void CheckParticipant(Participant? participant, string field)
    {
        var violations = new List<FieldViolation>();
        CheckParticipant(participant, field, violations);
        ThrowIfAny(violations);
    }

    internal static void CheckId(string? id, string field)
    {
        if (!GrainKeys.IsValidId(id))
        {
            throw new ValidationException(field, "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' or '.'.");
        }
    }

    private static void CheckParticipant(Participant? participant, string field, List<FieldViolation> violations)
    {
        if (participant is null || !Enum.IsDefined(participant.Kind) || !GrainKeys.IsValidId(participant.Id))
        {
            violations.Add(new FieldViolation(field, "must name a client or a staff member by a valid id."));
        }
    }

    // A message may be text, attachments or both, but never empty: an empty message is a mistaken send.
    private static void CheckBody(string? text, IReadOnlyList<string>? attachmentIds, List<FieldViolation> violations)
    {
        var attachments = attachmentIds ?? [];
        if (string.IsNullOrWhiteSpace(text) && attachments.Count == 0)
        {
            violations.Add(new FieldViolation("text", "is required when there are no attachments."));
        }
        else if (text is not null && text.Length > MaxTextLength)
        {
            violations.Add(new FieldViolation("text", $"must be at most {MaxTextLength} characters."));
        }

        if (attachments.Count > MaxAttachments)
        {
            violations.Add(new FieldViolation("attachment_ids", $"must hold at most {MaxAttachments} attachments."));
        }

        for (var i = 0; i < attachments.Count; i++)
        {
            if (!GrainKeys.IsValidId(attachments[i]))
            {
                violations.Add(new FieldViolation($"attachment_ids[{i}]", "must be a valid attachment id."));
            }
        }
    }

    private static void ThrowIfAny(List<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }
}
