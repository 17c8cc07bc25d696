using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;

namespace IntegrationHub.Signatures.Tests.Pkits;

/// <summary>
/// NIST PKITS from ../shared/testdata/pkits (relative to the repository root), loaded once: the anchor, every
/// other certificate as the untrusted pool, every CRL; exactly what `hub certs validate EE --trust
/// TrustAnchorRootCertificate.crt --untrusted certs --crl crls --at 2010-01-01T00:00:00Z` gives the validator.
/// </summary>
public static class PkitsData
{
    public static readonly DateTimeOffset ValidationTime = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string? Folder { get; } = FindFolder();

    public static string CertsFolder => Path.Combine(Folder!, "certs");
    public static string CrlsFolder => Path.Combine(Folder!, "crls");
    public static string AnchorFile => Path.Combine(CertsFolder, "TrustAnchorRootCertificate.crt");

    private static readonly Lazy<CertificatePathValidator> LazyValidator = new(() =>
        new CertificatePathValidator(
            TrustStore.FromFiles([AnchorFile]),
            new RevocationOptions { Crls = CertificateFiles.LoadCrls([CrlsFolder]) },
            TimeProvider.System,
            intermediates: CertificateFiles.LoadCertificates([CertsFolder])));

    public static CertificatePathValidator Validator => LazyValidator.Value;

    /// <summary>The 203 tests whose names say the outcome: Valid*EE.crt and Invalid*EE.crt.</summary>
    public static IEnumerable<object[]> NamedTests()
    {
        if (Folder is null) return [["(PKITS folder absent)"]];
        return Directory.GetFiles(CertsFolder, "*EE.crt")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n!.StartsWith("Valid", StringComparison.Ordinal) || n.StartsWith("Invalid", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new object[] { n! });
    }

    public static X509Certificate2 Load(string name) =>
        X509CertificateLoader.LoadCertificateFromFile(Path.Combine(CertsFolder, name + ".crt"));

    private static string? FindFolder()
    {
        // A git worktree outside the main checkout can point at the data (HUB_PKITS=/work/shared/testdata/pkits).
        if (Environment.GetEnvironmentVariable("HUB_PKITS") is { Length: > 0 } given)
            return Directory.Exists(Path.Combine(given, "certs")) ? Path.GetFullPath(given) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) continue;
            var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "pkits"));
            return Directory.Exists(Path.Combine(folder, "certs")) ? folder : null;
        }
        return null;
    }
}

/// <summary>A theory that is skipped, saying why, when the PKITS data folder is absent (a plain clone).</summary>
public sealed class PkitsTheoryAttribute : TheoryAttribute
{
    public PkitsTheoryAttribute()
    {
        if (PkitsData.Folder is null)
            Skip = "NIST PKITS data not found at ../shared/testdata/pkits relative to the repository root";
    }
}
