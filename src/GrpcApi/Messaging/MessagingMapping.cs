using VetActors.Grains.Common;
using VetActors.Grains.Consent;
using VetActors.Protos.Messaging.V1;

namespace VetActors.GrpcApi.Messaging;

/// <summary>Inbound SMS between the messaging protos and the consent records.</summary>
internal static class MessagingMapping
{
    private const int MaxTextLength = 1600;

    public static SmsKeyword ToProto(SmsKeywordKind kind) => kind switch
    {
        SmsKeywordKind.OptOut => SmsKeyword.OptOut,
        SmsKeywordKind.OptIn => SmsKeyword.OptIn,
        SmsKeywordKind.Help => SmsKeyword.Help,
        _ => SmsKeyword.None,
    };

    /// <summary>A phone number as matched: its digits only, so "+1 (555) 0100" and "+15550100" are the same number.</summary>
    public static string Digits(string? phone) => new((phone ?? "").Where(char.IsAsciiDigit).ToArray());

    public static void Validate(ReceiveSmsRequest request)
    {
        var violations = new List<FieldViolation>();
        if (Digits(request.ToNumber).Length is < 3 or > 15)
        {
            violations.Add(new FieldViolation("to_number", "must be the clinic's number in E.164 form."));
        }

        if (Digits(request.FromNumber).Length is < 3 or > 15)
        {
            violations.Add(new FieldViolation("from_number", "must be the sender's number in E.164 form."));
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            violations.Add(new FieldViolation("text", "is required."));
        }
        else if (request.Text.Length > MaxTextLength)
        {
            violations.Add(new FieldViolation("text", $"must be at most {MaxTextLength} characters."));
        }

        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }
}
