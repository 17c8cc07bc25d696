namespace IntegrationHub.Signatures.Tests.Pdf.Fixtures;

/// <summary>A fact that is skipped, saying why, when an independent tool (pdfsig, ...) is not on PATH.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        if (!PdfTools.OnPath(tool)) Skip = $"'{tool}' is not on PATH; install poppler-utils (.ci/run does) to run this cross-check.";
    }
}

public static class PdfTools
{
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    /// <summary>
    /// Runs pdfsig on a file. -nocert: there is no NSS certificate database offline, so pdfsig checks the
    /// signature value and the /ByteRange digest only (our trust checks are tested elsewhere); -no-ocsp keeps it off the network.
    /// </summary>
    public static string Pdfsig(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hub-pdfsig-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var result = Xml.ExternalTool.Run("pdfsig", "-nocert", "-no-ocsp", path);
            return result.Output + result.Error;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static int Count(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}

/// <summary>A fact that is skipped, saying why, when a sample file from the system (e.g. a Debian doc PDF) is absent.</summary>
public sealed class RequiresFileFactAttribute : FactAttribute
{
    public RequiresFileFactAttribute(string path, string? tool = null)
    {
        if (!File.Exists(path)) Skip = $"'{path}' is not on this machine (it ships with a Debian documentation package).";
        else if (tool is not null && !PdfTools.OnPath(tool)) Skip = $"'{tool}' is not on PATH; install poppler-utils (.ci/run does) to run this cross-check.";
    }
}
