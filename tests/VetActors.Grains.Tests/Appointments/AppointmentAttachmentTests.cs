using VetActors.Grains.Appointments;
using VetActors.Grains.Common;
using VetActors.Grains.Tests.Infrastructure;

namespace VetActors.Grains.Tests.Appointments;

public sealed class AppointmentAttachmentTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1 }, "image/png")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "application/pdf")]
    public async Task Attach_BeforeStart_StoredWithTypeFromContent(byte[] content, string contentType)
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-AAAAAA");

        var info = await grain.AttachAsync(new AttachmentUpload("../../rash.txt", content));

        Assert.Equal((contentType, "rash.txt", (long)content.Length), (info.ContentType, info.FileName, info.Size));
        Assert.Equal(content, (await grain.GetAttachmentContentAsync(info.AttachmentId)).ToArray());
        Assert.Equal(info, Assert.Single((await grain.GetAsync()).Attachments));
    }

    [Fact]
    public async Task Attach_ContentNotImageOrPdf_InvalidArgument()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-BBBBBB");

        var error = await Assert.ThrowsAsync<ValidationException>(() => grain.AttachAsync(new AttachmentUpload("photo.jpg", "MZ\u0090 not a photo"u8.ToArray())));

        Assert.Equal("content", Assert.Single(error.Violations).Field);
        Assert.Empty((await grain.GetAsync()).Attachments);
    }

    [Fact]
    public async Task Attach_TooLarge_InvalidArgument()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-CCCCCC");
        var content = new byte[(5 * 1024 * 1024) + 1];
        Png.CopyTo(content, 0);

        var error = await Assert.ThrowsAsync<ValidationException>(() => grain.AttachAsync(new AttachmentUpload("big.png", content)));

        Assert.Contains("MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_AtStart_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-DDDDDD");
        world.Clock.Advance(TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.AttachAsync(new AttachmentUpload("late.png", Png)));

        Assert.Equal("appointment.too_late", error.Code);
    }

    [Fact]
    public async Task Attach_BeyondTheLimit_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-EEEEEE");
        for (var i = 0; i < 10; i++)
        {
            await grain.AttachAsync(new AttachmentUpload($"{i}.png", Png));
        }

        var error = await Assert.ThrowsAsync<RuleViolation>(() => grain.AttachAsync(new AttachmentUpload("11.png", Png)));

        Assert.Equal("appointment.too_many_attachments", error.Code);
    }

    [Fact]
    public async Task GetAttachmentContent_Unknown_NotFound()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-FFFFFF");

        await Assert.ThrowsAsync<NotFoundException>(() => grain.GetAttachmentContentAsync("att-9"));
    }

    [Fact]
    public async Task RequestMoreInformation_BeforeStart_NotifiesTheClient()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-GGGGGG");

        await grain.RequestMoreInformationAsync("Please add a photo of the left ear.");

        var sent = Assert.Single(world.Notifier.Sent);
        Assert.Equal((CallParty.Client, "client-7", NotificationKind.MoreInformationRequested), (sent.Recipient, sent.RecipientId, sent.Kind));
    }

    [Fact]
    public async Task RequestMoreInformation_AfterStart_FailsPrecondition()
    {
        await using var world = await AppointmentWorld.StartAsync();
        var grain = await world.BookAsync("VA-HHHHHH");
        world.Clock.Advance(TimeSpan.FromHours(2));

        await Assert.ThrowsAsync<RuleViolation>(() => grain.RequestMoreInformationAsync("photo please"));
        Assert.Empty(world.Notifier.Sent);
    }
}
