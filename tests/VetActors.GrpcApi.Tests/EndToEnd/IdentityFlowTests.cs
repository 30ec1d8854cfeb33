using System.Diagnostics;
using System.Text.Json;
using VetActors.GrpcApi.Tests.Infrastructure;

namespace VetActors.GrpcApi.Tests.EndToEnd;

/// <summary>Onboarding and sign-in over real gRPC, driven by a client nobody here wrote (Debian's python3-grpcio).</summary>
public sealed class IdentityFlowTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task OnboardingToLogout_OverRealGrpc_RefusesTheOldTokenEverywhere()
    {
        var result = await RunPeerAsync();

        Assert.Equal("e2e-clinic", result.GetProperty("created_clinic").GetString());
        Assert.Equal("ada", result.GetProperty("admin_accepted").GetString());
        Assert.Equal("UNAUTHENTICATED", result.GetProperty("wrong_practice_password").GetString());
        Assert.Equal("STAFF_ROLE_SITE_ADMINISTRATOR", result.GetProperty("admin_role").GetString());
        Assert.Equal("STAFF_MEMBER_STATUS_INVITED", result.GetProperty("member_status").GetString());
        Assert.Equal("ALREADY_EXISTS", result.GetProperty("duplicate_username").GetString());
        Assert.Equal("INVALID_ARGUMENT", result.GetProperty("malformed_email").GetString());
        Assert.Equal(["email"], result.GetProperty("malformed_email_fields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("vet1", result.GetProperty("member_who_am_i").GetString());
        foreach (var call in result.GetProperty("after_logout").EnumerateObject())
        {
            Assert.True(call.Value.GetString() == "UNAUTHENTICATED", $"{call.Name} answered {call.Value.GetString()} to the logged-out token.");
        }

        Assert.Equal(5, result.GetProperty("after_logout").EnumerateObject().Count());
        Assert.Equal("OK", result.GetProperty("member_still_signed_in").GetString());
    }

    private async Task<JsonElement> RunPeerAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Peers", "identity_flow.py"),
            "--target", server.Target,
            "--protos", Path.Combine(RepositoryRoot(), "protos"),
            "--internal-key", ApiTestHost.InternalServiceKey,
            "--pickup", server.PickupDirectory,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"The python peer failed ({process.ExitCode}): {await errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VetActors.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (VetActors.sln) was not found above the test binaries.");
    }
}
