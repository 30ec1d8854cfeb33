using VetActors.Actors;
using VetActors.Grains.Appointments;
using VetActors.Grains.Common;

namespace VetActors.Grains.Conversations;

// Up to 5 MiB per activation: collected after a minute idle so that reading a long history does not keep every
// file in memory.
[CollectionAgeLimit(Minutes = 1)]
internal sealed class ConversationAttachmentGrain(
    [PersistentState("attachment")] IPersistentState<ConversationAttachmentState> stored,
    TimeProvider timeProvider) : Grain, IConversationAttachmentGrain
{
    private const int MaxFileNameLength = 200;

    private string Id => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('/') + 1)..];

    public async Task<ConversationAttachment> StoreAsync(ConversationAttachmentUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var contentType = Check(upload);
        if (stored.State.Info is not null)
        {
            throw new AlreadyExistsException("conversation.attachment_exists", $"Attachment {Id} is stored already.");
        }

        var info = new ConversationAttachment(Id, FileName(upload.FileName, contentType), contentType, upload.Content.Length, timeProvider.GetUtcNow());
        stored.State.Info = info;
        stored.State.UploadedBy = upload.Uploader;
        stored.State.Content = upload.Content.ToArray();
        await stored.WriteStateAsync();
        return info;
    }

    // Refusals travel inside the returned task: the actor runtime wraps a synchronous throw in a non-generic Task.
    public Task<ConversationAttachment> GetInfoAsync() =>
        stored.State.Info is { } info ? Task.FromResult(info) : Task.FromException<ConversationAttachment>(Missing());

    public Task<ConversationAttachmentContent> GetAsync() =>
        stored.State is { Info: { } info, Content: { } content }
            ? Task.FromResult(new ConversationAttachmentContent(info, content))
            : Task.FromException<ConversationAttachmentContent>(Missing());

    // The same content rules as appointment attachments: the bytes decide the type, never the name or the claim.
    private static string Check(ConversationAttachmentUpload upload)
    {
        if (upload.Content.Length is 0 or > AttachmentPolicy.MaxBytes)
        {
            throw new ValidationException("content", $"must be 1 byte to {AttachmentPolicy.MaxBytes / (1024 * 1024)} MiB; it is {upload.Content.Length} bytes.");
        }

        var proven = AttachmentPolicy.Sniff(upload.Content.Span)
            ?? throw new ValidationException("content", "must be a PDF, JPEG or PNG file.");
        if (!string.IsNullOrWhiteSpace(upload.ContentType) && !string.Equals(upload.ContentType.Trim(), proven, StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException("content_type", $"is {upload.ContentType} but the content is {proven}.");
        }

        if (upload.FileName is { Length: > MaxFileNameLength })
        {
            throw new ValidationException("file_name", $"must be at most {MaxFileNameLength} characters.");
        }

        return proven;
    }

    private static string FileName(string? given, string contentType) =>
        string.IsNullOrWhiteSpace(given) ? "attachment" + contentType switch
        {
            "application/pdf" => ".pdf",
            "image/png" => ".png",
            _ => ".jpg",
        } : Path.GetFileName(given.Trim());

    private NotFoundException Missing() =>
        new(ConversationRules.AttachmentNotFound, $"Attachment {Id} does not exist.");
}
