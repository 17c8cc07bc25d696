using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Survivors of Stryker on Validation/: the text form of a report line by line, the crypto policy's rules and its file
/// loading, and the OpenSSL fast path of RSA verification against .NET's answer.
/// </summary>
public sealed class ValidationMutationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hub-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly DateTimeOffset At = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(7));

    [Fact]
    public void The_text_report_shows_every_field_in_order()
    {
        var signature = new SignatureReport("S-1", Indication.Indeterminate, SubIndication.OutOfBoundsNoPoe,
            new SignerReport("CN=Trần Tấn Phú", "CN=CA", "01", At, At.AddYears(1)), At, At.AddMinutes(1), "SHA256", "RSA", "B-T",
            [new TimestampReport("SIGNATURE_TIMESTAMP", At.AddMinutes(1), Indication.Indeterminate, SubIndication.TryLater, "CN=TSA"),
             new TimestampReport("ARCHIVE_TIMESTAMP", At.AddMinutes(2), Indication.TotalPassed, null, null)],
            ["e1"], ["w1", "w2"]);
        var bare = new SignatureReport("S-2", Indication.TotalPassed, null, null, null, null, "SHA384", "ECDSA", null, [], [], []);
        var report = new ValidationReport("don.p7s", "CADES", Indication.Indeterminate, [signature, bare])
        {
            SubIndication = SubIndication.FormatFailure, Errors = ["whole-file error"],
        };

        var text = ReportText.Format(report);

        Assert.Equal(string.Join(Environment.NewLine,
            "don.p7s: CADES INDETERMINATE / FORMAT_FAILURE",
            "  error: whole-file error",
            "  S-1 INDETERMINATE / OUT_OF_BOUNDS_NO_POE (B-T, RSA with SHA256)",
            "    signer: CN=Trần Tấn Phú",
            $"    claimed signing time: {At:O}",
            $"    best signature time: {At.AddMinutes(1):O}",
            $"    timestamp: {At.AddMinutes(1):O} INDETERMINATE / TRY_LATER by CN=TSA",
            $"    timestamp: {At.AddMinutes(2):O} TOTAL_PASSED",
            "    error: e1",
            "    warning: w1",
            "    warning: w2",
            "  S-2 TOTAL_PASSED (?, ECDSA with SHA384)",
            ""), text);
    }

    [Fact]
    public void A_text_report_without_sub_indication_or_errors_is_one_line()
    {
        var text = ReportText.Format(new ValidationReport("a.pdf", "PADES", Indication.TotalPassed, []));
        Assert.Equal("a.pdf: PADES TOTAL_PASSED" + Environment.NewLine, text);
    }

    [Fact]
    public void The_default_policy_is_named_and_allows_SHA2_SHA3_and_PSS()
    {
        var policy = CryptoPolicy.VnDefault;
        Assert.Equal("vn-default", policy.Name);
        Assert.Equal(["SHA256", "SHA384", "SHA512", "SHA3_256", "SHA3_384", "SHA3_512"], policy.Digests);
        Assert.True(policy.AllowPss);
        Assert.Same(policy, CryptoPolicy.Load("vn-default"));
    }

    [Fact]
    public void Policy_rules_each_name_their_problem()
    {
        var strict = CryptoPolicy.VnDefault with { Name = "strict", AllowPss = false, MinEcBits = 384 };
        var pss = SignatureAlgorithm.RsaPss("1.2.840.113549.1.1.10");
        var pkcs1 = SignatureAlgorithm.RsaPkcs1("1.2.840.113549.1.1.11");

        Assert.Equal(["RSASSA-PSS is not allowed by policy strict."], strict.Check(HashAlgorithmName.SHA256, pss, Key("RSA", 2048)));
        Assert.Empty(CryptoPolicy.VnDefault.Check(HashAlgorithmName.SHA256, pss, Key("RSA", 2048)));
        Assert.Equal(["EC key of 256 bits is below the 384 bits policy strict requires."],
            strict.Check(HashAlgorithmName.SHA384, SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.3"), Key("ECDSA", 256)));
        Assert.Empty(strict.Check(HashAlgorithmName.SHA384, SignatureAlgorithm.Ecdsa("1.2.840.10045.4.3.3"), Key("ECDSA", 384)));
        Assert.Equal(["RSA key of 2047 bits is below the 2048 bits policy vn-default requires."],
            CryptoPolicy.VnDefault.Check(HashAlgorithmName.SHA256, pkcs1, Key("RSA", 2047)));
        Assert.Empty(CryptoPolicy.VnDefault.Check(HashAlgorithmName.SHA256, pkcs1, Key("RSA", 2048)));
        Assert.Equal(["Key algorithm DSA is not allowed by policy vn-default."],
            CryptoPolicy.VnDefault.Check(HashAlgorithmName.SHA256, pkcs1, Key("DSA", 2048)));
        Assert.Equal(["Digest algorithm SHA1 is not allowed by policy vn-default."],
            CryptoPolicy.VnDefault.Check(HashAlgorithmName.SHA1, pkcs1, Key("RSA", 2048)));
    }

    [Fact]
    public void A_certificate_signed_with_a_digest_the_policy_does_not_allow_fails_the_path_policy()
    {
        using var key = RSA.Create(2048);
        var sha256 = Self("CN=sha256", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var pss = Self("CN=pss", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        var only384 = CryptoPolicy.VnDefault with { Name = "only-384", Digests = ["SHA384"] };
        var noPss = CryptoPolicy.VnDefault with { AllowPss = false };

        var finding = only384.Check(sha256, 0, At);

        Assert.NotNull(finding);
        Assert.Equal(Indication.Indeterminate, finding.Indication);
        Assert.Equal(SubIndication.CryptoConstraintsFailure, finding.SubIndication);
        Assert.Equal("Digest algorithm SHA256 is not allowed by policy only-384.", finding.Message);
        Assert.Null(CryptoPolicy.VnDefault.Check(sha256, 0, At));
        Assert.Null(CryptoPolicy.VnDefault.Check(pss, 0, At));
        // A policy without PSS refuses a certificate its issuer signed with PSS as well.
        Assert.Equal("RSASSA-PSS is not allowed by policy vn-default.", noPss.Check(pss, 0, At)?.Message);
        Assert.Null(noPss.Check(sha256, 0, At));
    }

    [Fact]
    public void Policy_files_are_loaded_and_weak_or_unknown_ones_refused()
    {
        var good = Write("good.json", """{ "name": "strict", "minRsaBits": 3072, "minEcBits": 384, "digests": ["SHA384"], "allowPss": false }""");
        var policy = CryptoPolicy.Load(good);
        Assert.Equal(("strict", 3072, 384, false), (policy.Name, policy.MinRsaBits, policy.MinEcBits, policy.AllowPss));
        Assert.Equal(["SHA384"], policy.Digests);

        Assert.Contains("Unknown policy", Assert.Throws<ArgumentException>(() => CryptoPolicy.Load(Path.Combine(_dir, "none.json"))).Message);
        foreach (var weak in new[] { """{ "minRsaBits": 1023 }""", """{ "minEcBits": 159 }""", """{ "digests": [] }""" })
            Assert.Contains("weaker than any sane policy", Assert.Throws<ArgumentException>(() => CryptoPolicy.Load(Write("weak.json", weak))).Message);
        // The bounds themselves are accepted.
        Assert.Equal(1024, CryptoPolicy.Load(Write("edge.json", """{ "minRsaBits": 1024, "minEcBits": 160 }""")).MinRsaBits);
        Assert.Contains("not valid JSON", Assert.Throws<ArgumentException>(() => CryptoPolicy.Load(Write("bad.json", """{ "minRsaBits": """))).Message);
        Assert.Contains("not valid JSON", Assert.Throws<ArgumentException>(() => CryptoPolicy.Load(Write("extra.json", """{ "minRsaBit": 2048 }"""))).Message);
    }

    [Fact]
    public void The_OpenSSL_fast_path_agrees_with_dotnet_and_declines_what_it_does_not_handle()
    {
        using var rsa = RSA.Create(2048);
        var certificate = Self("CN=fast", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var verifier = FastPath(publicKey);
        if (verifier is null) return; // not Linux with .NET's OpenSSL 3: the caller uses RSA.VerifyHash, tested elsewhere
        foreach (var (name, size) in new[] { (HashAlgorithmName.SHA256, 32), (HashAlgorithmName.SHA384, 48), (HashAlgorithmName.SHA512, 64) })
        {
            var digest = RandomNumberGenerator.GetBytes(size);
            var signature = rsa.SignHash(digest, name, RSASignaturePadding.Pkcs1);
            // Twice each: the second call takes the parked context.
            Assert.True(verifier.VerifyPkcs1(name, digest, signature));
            Assert.True(verifier.VerifyPkcs1(name, digest, signature));
            var wrong = (byte[])signature.Clone();
            wrong[^1] ^= 1;
            Assert.False(verifier.VerifyPkcs1(name, digest, wrong));
            Assert.True(verifier.VerifyPkcs1(name, digest, signature));
            // A digest of another length is not this algorithm's: declined, not answered.
            Assert.Null(verifier.VerifyPkcs1(name, digest[..^1], signature));
        }
        Assert.Null(verifier.VerifyPkcs1(HashAlgorithmName.SHA1, new byte[20], new byte[256]));
        // A signature of the wrong length is an OpenSSL error, not a mismatch: declined so that .NET answers.
        var d = RandomNumberGenerator.GetBytes(32);
        Assert.NotEqual(true, verifier.VerifyPkcs1(HashAlgorithmName.SHA256, d, new byte[10]));
        Assert.True(verifier.VerifyPkcs1(HashAlgorithmName.SHA256, d, rsa.SignHash(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    }

    [Fact]
    public void Parallel_callers_of_the_fast_path_each_get_the_right_answer()
    {
        using var rsa = RSA.Create(2048);
        using var publicKey = Self("CN=parallel", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).GetRSAPublicKey()!;
        var verifier = FastPath(publicKey);
        if (verifier is null) return;
        var digest = RandomNumberGenerator.GetBytes(32);
        var good = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var bad = (byte[])good.Clone();
        bad[0] ^= 0x40;
        var answers = new bool?[400];
        Parallel.For(0, answers.Length, i => answers[i] = verifier.VerifyPkcs1(HashAlgorithmName.SHA256, digest, i % 2 == 0 ? good : bad));
        for (var i = 0; i < answers.Length; i++) Assert.Equal(i % 2 == 0, answers[i]);
    }

    /// <summary>The fast path, which must exist on Linux with OpenSSL 3 (else these tests would pass by skipping it).</summary>
    private static OpenSslRsaVerifier? FastPath(RSA publicKey)
    {
        var verifier = OpenSslRsaVerifier.TryCreate(publicKey);
        if (OperatingSystem.IsLinux() && SafeEvpPKeyHandle.OpenSslVersion >= 0x3000_0000) Assert.NotNull(verifier);
        return verifier;
    }

    private static PublicKeys.KeyInfo Key(string algorithm, int bits) => new(algorithm, bits, null, null, null);

    private static X509Certificate2 Self(string subject, RSA key, HashAlgorithmName digest, RSASignaturePadding padding) =>
        new CertificateRequest(subject, key, digest, padding).CreateSelfSigned(At.AddDays(-1), At.AddYears(1));

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
