using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Tests.Pkits;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Xunit.Abstractions;

namespace IntegrationHub.Signatures.Tests.Trust;

/// <summary>
/// The short path (<see cref="ShortPathCheck"/>, .NET certificates only) must give exactly the full path's answer
/// (BouncyCastle PKIX via PathBuilder + PathEvaluation) whenever it answers, and must answer the plain cases.
/// </summary>
[Collection(SamplePkiCollection.Name)]
public sealed class ShortPathCheckTests(SamplePkiFixture fixture, ITestOutputHelper output)
{
    private static readonly X509KeyUsageFlags SignerUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation;

    private static void AssertSame(PathValidationResult full, PathValidationResult fast, string what)
    {
        Assert.True(full.Indication == fast.Indication && full.SubIndication == fast.SubIndication,
            $"{what}: full {full.Indication}/{full.SubIndication} {string.Join(" | ", full.Errors)}; short {fast.Indication}/{fast.SubIndication}");
        Assert.Equal(full.Chain.Select(c => Convert.ToHexString(c.RawData)), fast.Chain.Select(c => Convert.ToHexString(c.RawData)));
        Assert.Equal(full.RevokedAt, fast.RevokedAt);
        Assert.Equal(full.Errors, fast.Errors);
        Assert.Equal(full.Warnings, fast.Warnings);
    }

    private (CertificatePathValidator Full, CertificatePathValidator Fast) Validators(IEnumerable<X509Certificate2> intermediates, ICertificateAlgorithmPolicy? policy) =>
        (new CertificatePathValidator(fixture.Trust, new RevocationOptions(), fixture.Clock(), null, intermediates, policy) { UseShortPath = false },
         new CertificatePathValidator(fixture.Trust, new RevocationOptions(), fixture.Clock(), null, intermediates, policy));

    [Fact]
    public void Plain_sample_signer_takes_the_short_path_with_the_full_paths_answer()
    {
        var request = new PathValidationRequest(fixture.Now, [], [], [], SignerUsage);
        var fast = ShortPathCheck.TryPass(fixture.Cert("citizen"), fixture.Trust.Anchors, [fixture.IssuingCa], request, CryptoPolicy.VnDefault);
        Assert.NotNull(fast);
        Assert.Equal(Indication.TotalPassed, fast.Indication);
        Assert.Equal(3, fast.Chain.Count);
        var (full, _) = Validators([fixture.IssuingCa], CryptoPolicy.VnDefault);
        AssertSame(full.Validate(fixture.Cert("citizen"), request), fast, "citizen");
    }

    [Fact]
    public void Every_sample_certificate_at_every_time_gets_the_same_answer_on_both_paths()
    {
        var tampered = Tampered(fixture.Cert("citizen"));
        var targets = fixture.Pki.EndEntities.Select(e => (e.Key, e.Value.Certificate))
            .Append(("issuing-ca", fixture.IssuingCa)).Append(("tampered", tampered)).ToList();
        var shortAnswers = 0;
        var compared = 0;
        foreach (var intermediates in new[] { Array.Empty<X509Certificate2>(), [fixture.IssuingCa] })
        foreach (var policy in new ICertificateAlgorithmPolicy?[] { null, CryptoPolicy.VnDefault })
        {
            var (full, fast) = Validators(intermediates, policy);
            foreach (var (name, target) in targets)
            foreach (var at in new[] { fixture.Now, SamplePki.ExpiredNotAfter.AddDays(-1), fixture.Now.AddYears(30), new DateTimeOffset(target.NotBefore.ToUniversalTime()).AddDays(-1) })
            foreach (var usage in new X509KeyUsageFlags?[] { null, SignerUsage, X509KeyUsageFlags.KeyEncipherment })
            foreach (var extra in new[] { Array.Empty<X509Certificate2>(), [fixture.IssuingCa, target] })
            {
                var request = new PathValidationRequest(at, extra, [], [], usage);
                var expected = full.Validate(target, request);
                AssertSame(expected, fast.Validate(target, request), $"{name} at {at:O}, usage {usage}, {extra.Length} extra");
                if (ShortPathCheck.TryPass(target, fixture.Trust.Anchors, [.. intermediates, .. extra], request, policy) is not null) shortAnswers++;
                compared++;
            }
        }
        output.WriteLine($"{compared} cases compared, {shortAnswers} answered by the short path");
        Assert.True(shortAnswers >= 20, $"only {shortAnswers} short-path answers");
    }

    [Fact]
    public void Failing_paths_never_take_the_short_path()
    {
        var request = new PathValidationRequest(fixture.Now, [], [], [], SignerUsage);
        var anchors = fixture.Trust.Anchors;
        // A broken signature, an expired signer, a missing intermediate, a key usage the signer lacks.
        Assert.Null(ShortPathCheck.TryPass(Tampered(fixture.Cert("citizen")), anchors, [fixture.IssuingCa], request, null));
        Assert.Null(ShortPathCheck.TryPass(fixture.Cert("expired"), anchors, [fixture.IssuingCa], request, null));
        Assert.Null(ShortPathCheck.TryPass(fixture.Cert("citizen"), anchors, [], request, null));
        Assert.Null(ShortPathCheck.TryPass(fixture.Cert("citizen"), anchors, [fixture.IssuingCa],
            request with { RequiredKeyUsage = X509KeyUsageFlags.KeyEncipherment }, null));
        // The TSA's critical extended key usage is for the full path to judge.
        Assert.Null(ShortPathCheck.TryPass(fixture.Cert("tsa"), anchors, [fixture.IssuingCa], request with { RequiredKeyUsage = null }, null));
    }

    [Fact]
    public void Revocation_data_in_play_always_takes_the_full_path()
    {
        var request = new PathValidationRequest(fixture.Now, [], [fixture.Pki.IssuingCrl, fixture.Pki.RootCrl], [], SignerUsage) { AtIsProofOfExistence = true };
        var (full, fast) = Validators([fixture.IssuingCa], null);
        var revoked = fast.Validate(fixture.Cert("revoked"), request);
        Assert.Equal(SubIndication.Revoked, revoked.SubIndication);
        AssertSame(full.Validate(fixture.Cert("revoked"), request), revoked, "revoked with the CRL carried");
        Assert.DoesNotContain(fast.Validate(fixture.Cert("citizen"), request).Warnings, w => w.StartsWith("revocation not checked", StringComparison.Ordinal));
    }

    private static X509Certificate2 Tampered(X509Certificate2 certificate)
    {
        var der = certificate.RawData;
        der[^5] ^= 0x01; // inside the signature value
        return X509CertificateLoader.LoadCertificate(der);
    }

    private static readonly Lazy<(CertificatePathValidator Full, CertificatePathValidator Fast)> PkitsWithoutCrls = new(() =>
    {
        var trust = TrustStore.FromFiles([PkitsData.AnchorFile]);
        var pool = CertificateFiles.LoadCertificates([PkitsData.CertsFolder]);
        return (new CertificatePathValidator(trust, new RevocationOptions(), TimeProvider.System, intermediates: pool) { UseShortPath = false },
                new CertificatePathValidator(trust, new RevocationOptions(), TimeProvider.System, intermediates: pool));
    });

    /// <summary>
    /// PKITS without its CRLs (with them, revocation is in play and the short path never runs; PkitsTests cover that):
    /// every named test gets the same answer from both paths.
    /// </summary>
    [PkitsTheory]
    [MemberData(nameof(PkitsData.NamedTests), MemberType = typeof(PkitsData))]
    public void Pkits_test_without_CRLs_gets_the_same_answer_on_both_paths(string name)
    {
        var (full, fast) = PkitsWithoutCrls.Value;
        var request = new PathValidationRequest(PkitsData.ValidationTime, [], [], []);
        var target = PkitsData.Load(name);
        AssertSame(full.Validate(target, request), fast.Validate(target, request), name);
    }

    [PkitsTheory]
    [InlineData("all named tests")]
    public void Short_path_answers_the_plain_PKITS_paths_and_only_passing_ones(string what)
    {
        var trust = TrustStore.FromFiles([PkitsData.AnchorFile]);
        var pool = CertificateFiles.LoadCertificates([PkitsData.CertsFolder]);
        var request = new PathValidationRequest(PkitsData.ValidationTime, [], [], []);
        var answered = new List<string>();
        foreach (var name in PkitsData.NamedTests().Select(t => (string)t[0]))
        {
            var result = ShortPathCheck.TryPass(PkitsData.Load(name), trust.Anchors, pool, request, null);
            if (result is null) continue;
            answered.Add(name);
            Assert.Equal(Indication.TotalPassed, result.Indication);
        }
        output.WriteLine($"{what}: {answered.Count} answered by the short path: {string.Join(", ", answered)}");
        Assert.Contains("ValidCertificatePathTest1EE", answered);
        Assert.True(answered.Count >= 20, $"only {answered.Count} PKITS paths answered by the short path");
        // An Invalid* test answered here must be one that only its CRLs make invalid: the full path without them passes it.
        var (full, _) = PkitsWithoutCrls.Value;
        Assert.All(answered.Where(n => n.StartsWith("Invalid", StringComparison.Ordinal)), n =>
            Assert.Equal(Indication.TotalPassed, full.Validate(PkitsData.Load(n), request).Indication));
    }
}
