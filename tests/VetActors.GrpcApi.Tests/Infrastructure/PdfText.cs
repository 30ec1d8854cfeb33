using System.Diagnostics;

namespace VetActors.GrpcApi.Tests.Infrastructure;

/// <summary>Reads a PDF's text back with Debian's <c>pdftotext</c> (poppler-utils, installed by scripts/deps.sh).</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), "vetactors-pdf-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pdftotext failed ({process.ExitCode}): {errors}");
            return await output;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
