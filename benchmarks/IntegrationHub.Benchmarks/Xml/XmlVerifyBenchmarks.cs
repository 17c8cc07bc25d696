using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Formats;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using IntegrationHub.Signatures.Xml;

namespace IntegrationHub.Benchmarks.Xml;

/// <summary>
/// XAdES-B-B (RSA-2048, SHA-256) verification: the reader alone (parse, C14N, reference digests), and the whole
/// validation core with path validation answered from a trusted stub (chain and revocation "cached").
/// Run: dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter '*XmlVerify*'
/// </summary>
[MemoryDiagnoser]
public class XmlVerifyBenchmarks
{
    private byte[] _small = [];
    private byte[] _large = [];
    private readonly XmlSignatureFormat _format = new();
    private readonly SignatureValidator _validator = new(TimeProvider.System);
    private ValidationOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Benchmark signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var now = TimeProvider.System.GetUtcNow();
        var signer = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var parameters = new SigningParameters(now, HashAlgorithmName.SHA256);
        _small = Sign(signer, parameters, 10);
        _large = Sign(signer, parameters, 20_000); // about 1.5 MB
        _options = new ValidationOptions(new TrustedPaths());
        if (ValidateSmall() != Indication.TotalPassed || ValidateLarge() != Indication.TotalPassed)
            throw new InvalidOperationException("The benchmark documents must validate as TOTAL_PASSED, or we would measure a failure path.");
    }

    private static byte[] Sign(X509Certificate2 signer, SigningParameters parameters, int items)
    {
        var xml = new StringBuilder("<hoSo xmlns=\"urn:bench\">");
        for (var i = 0; i < items; i++)
            xml.Append($"<giayTo so=\"{i}\"><ten>Giấy tờ số {i}</ten><noiDung>Nội dung kèm theo hồ sơ</noiDung></giayTo>");
        xml.Append("</hoSo>");
        return LocalSigner.SignAsync(new XadesSigner(), Encoding.UTF8.GetBytes(xml.ToString()), signer, parameters, null).GetAwaiter().GetResult();
    }

    [Benchmark]
    public int ReadSmall() => _format.Read(new SignedFile("s.xml", new MemoryStream(_small))).Count;

    [Benchmark]
    public string ValidateSmall() => _validator.Validate(new SignedFile("s.xml", new MemoryStream(_small)), _options).Indication;

    [Benchmark]
    public string ValidateLarge() => _validator.Validate(new SignedFile("l.xml", new MemoryStream(_large)), _options).Indication;

    /// <summary>Stands for a warm path cache: the chain is known good.</summary>
    private sealed class TrustedPaths : ICertificatePathValidator
    {
        public PathValidationResult Validate(X509Certificate2 target, PathValidationRequest request) =>
            new(Indication.TotalPassed, null, [target], null, [], []);
    }
}
