using Google.Protobuf;
using Grpc.Core;
using Npgsql;
using VetActors.Protos.Admin.V1;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Tests.Portal;

public sealed partial class PortalPetsEndToEndTests
{
    private const int TenMiB = 10 * 1024 * 1024;

    [Fact]
    public async Task UploadPetPhoto_Png_IsStoredInPostgresAndServedBackAndListed()
    {
        var (clinic, owner) = await OwnerWithRexAsync("photos-png");
        var png = TestImagesPng();

        var uploaded = (await CallAsync<UploadPetPhotoRequest, UploadPetPhotoResponse>(
            "UploadPetPhoto", new UploadPetPhotoRequest { PetId = "p-rex", FileName = "IMG_0001.PNG", Content = png }, owner)).Photo;
        var fetched = await CallAsync<GetPetPhotoRequest, GetPetPhotoResponse>("GetPetPhoto", new GetPetPhotoRequest { PetId = "p-rex" }, owner);
        var pet = (await CallAsync<GetPetRequest, GetPetResponse>("GetPet", new GetPetRequest { PetId = "p-rex" }, owner)).Pet;

        Assert.Equal(("image/png", (long)png.Length, 4, 3), (uploaded.ContentType, uploaded.SizeBytes, uploaded.Width, uploaded.Height));
        Assert.Equal(server.Time.GetUtcNow(), uploaded.UploadedAt.ToDateTimeOffset());
        Assert.Equal(png, fetched.Content);
        Assert.Equal(uploaded, fetched.Photo);
        Assert.Equal(uploaded, pet.Photo);
        Assert.Equal(1, await StoredPhotoRowsAsync(clinic));
    }

    [Fact]
    public async Task UploadPetPhoto_JpegReplacingPng_ServesTheJpeg()
    {
        var (_, owner) = await OwnerWithRexAsync("photos-jpeg");
        await UploadAsync(owner, TestImagesPng());
        var jpeg = ByteString.CopyFrom(TestImages.Jpeg(1024, 768));

        var uploaded = await UploadAsync(owner, jpeg, "rex.png");
        var fetched = await CallAsync<GetPetPhotoRequest, GetPetPhotoResponse>("GetPetPhoto", new GetPetPhotoRequest { PetId = "p-rex" }, owner);

        Assert.Equal(("image/jpeg", 1024, 768), (uploaded.ContentType, uploaded.Width, uploaded.Height));
        Assert.Equal(jpeg, fetched.Content);
    }

    [Fact]
    public async Task GetPetPhoto_NoneUploaded_IsNotFoundSayingSo()
    {
        var (_, owner) = await OwnerWithRexAsync("photos-none");

        var refused = await RefusedAsync(() => CallAsync<GetPetPhotoRequest, GetPetPhotoResponse>("GetPetPhoto", new GetPetPhotoRequest { PetId = "p-rex" }, owner));

        Assert.Equal((StatusCode.NotFound, "Pet p-rex has no photo yet."), (refused.StatusCode, refused.Status.Detail));
    }

    public static TheoryData<string, byte[], string> RefusedUploads() => new()
    {
        { "notes.txt", "Rex is a good boy."u8.ToArray(), "content: is not a JPEG or PNG image (its first bytes match neither signature)" },
        { "rex.png", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), "content: is not a JPEG or PNG image (it is a GIF image)" },
        { "rex.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "not really a png at all"u8], "content: starts like a PNG image but is not a well-formed one: its real chunk at byte 8 claims 1852797984 bytes, more than the 11 left" },
        { "rex.png", [.. TestImages.Png()[..^20]], "content: starts like a PNG image but is not a well-formed one: its IDAT chunk at byte 33 claims " },
        { "rex.jpg", [.. TestImages.Jpeg()[..^2]], "content: starts like a JPEG image but is not a well-formed one: it is truncated before its end-of-image marker." },
        { "rex.png", [], "content: is empty: send a JPEG or PNG image." },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task UploadPetPhoto_NotAJpegOrPng_IsInvalidArgumentAndKeepsThePreviousPhoto(string fileName, byte[] content, string expected)
    {
        var (clinic, owner) = await OwnerWithRexAsync("photos-bad-" + Guid.NewGuid().ToString("N")[..8]);
        var previous = TestImagesPng();
        await UploadAsync(owner, previous);

        var refused = await RefusedAsync(() => UploadAsync(owner, ByteString.CopyFrom(content), fileName));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith(expected, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(previous, (await CallAsync<GetPetPhotoRequest, GetPetPhotoResponse>("GetPetPhoto", new GetPetPhotoRequest { PetId = "p-rex" }, owner)).Content);
        Assert.Equal(1, await StoredPhotoRowsAsync(clinic));
    }

    [Fact]
    public async Task UploadPetPhoto_Exactly10MiB_IsAccepted()
    {
        var (_, owner) = await OwnerWithRexAsync("photos-10mib");
        var png = ByteString.CopyFrom(TestImages.Png(totalBytes: TenMiB));

        var uploaded = await UploadAsync(owner, png);
        var fetched = await CallAsync<GetPetPhotoRequest, GetPetPhotoResponse>("GetPetPhoto", new GetPetPhotoRequest { PetId = "p-rex" }, owner);

        Assert.Equal(TenMiB, uploaded.SizeBytes);
        Assert.Equal(png, fetched.Content);
    }

    [Fact]
    public async Task UploadPetPhoto_OneByteOver10MiB_IsInvalidArgumentFromThePhotoCheck()
    {
        // Within the portal's receive limit (10 MiB + 64 KiB for the other fields), so the photo check refuses it.
        var (clinic, owner) = await OwnerWithRexAsync("photos-10mib-1");

        var refused = await RefusedAsync(() => UploadAsync(owner, ByteString.CopyFrom(TestImages.Png(totalBytes: TenMiB + 1))));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("content: is 10485761 bytes; a photo may be at most 10 MiB (10485760 bytes).", refused.Status.Detail);
        Assert.Equal(0, await StoredPhotoRowsAsync(clinic));
    }

    [Fact]
    public async Task UploadPetPhoto_11MiB_IsResourceExhaustedByTheReceiveLimitAndStoresNothing()
    {
        // RESOURCE_EXHAUSTED, not INVALID_ARGUMENT: the message is past the portal's receive limit, so the server
        // refuses it from the frame's length prefix, before buffering it or calling any handler.
        var (clinic, owner) = await OwnerWithRexAsync("photos-11mib");

        var refused = await RefusedAsync(() => UploadAsync(owner, ByteString.CopyFrom(TestImages.Png(totalBytes: 11 * 1024 * 1024))));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("Received message exceeds the maximum configured message size.", refused.Status.Detail);
        Assert.Equal(0, await StoredPhotoRowsAsync(clinic));
        var pet = (await CallAsync<GetPetRequest, GetPetResponse>("GetPet", new GetPetRequest { PetId = "p-rex" }, owner)).Pet;
        Assert.Null(pet.Photo);
    }

    private async Task<(string Clinic, string Token)> OwnerWithRexAsync(string clinicId)
    {
        var clinic = await CreateClinicAsync(clinicId, PimsKind.Ezyvet);
        await PortalPets.AddClientWithPetsAsync(Grains, clinic, "c-1", ("p-rex", "Rex"));
        return (clinic, await SignInAsync(clinic, "c-1"));
    }

    private async Task<Protos.Portal.V1.PetPhotoInfo> UploadAsync(string token, ByteString content, string fileName = "rex.png") =>
        (await CallAsync<UploadPetPhotoRequest, UploadPetPhotoResponse>(
            "UploadPetPhoto", new UploadPetPhotoRequest { PetId = "p-rex", FileName = fileName, Content = content }, token)).Photo;

    private static ByteString TestImagesPng() => ByteString.CopyFrom(TestImages.Png());

    /// <summary>The photo rows in PostgreSQL for the clinic's pet p-rex: the content is stored by VetActors, nowhere else.</summary>
    private async Task<long> StoredPhotoRowsAsync(string clinicId)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM vetactors_grain_state WHERE grain_key = $1 AND state_name = 'photo' AND payload IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"clinic-{clinicId}/pet/p-rex/photo" });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
