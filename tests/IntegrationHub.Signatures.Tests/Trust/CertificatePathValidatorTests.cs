using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Trust;

[Collection(SamplePkiCollection.Name)]
public sealed class CertificatePathValidatorTests(SamplePkiFixture f)
{
    [Fact]
    public async Task Citizen_chains_to_the_root_and_passes_with_CRLs_from_files()
    {
        var result = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(Indication.TotalPassed, result.Indication);
        Assert.Null(result.SubIndication);
        Assert.Equal([f.Cert("citizen").Thumbprint, f.IssuingCa.Thumbprint, f.Root.Thumbprint], result.Chain.Select(c => c.Thumbprint));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task Ecdsa_citizen_under_an_RSA_CA_passes()
    {
        var result = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("citizen-ecdsa"), f.AtNow);
        Assert.Equal(Indication.TotalPassed, result.Indication);
    }

    [Fact]
    public async Task Path_is_built_through_an_intermediate_supplied_with_the_request()
    {
        var validator = new CertificatePathValidator(f.Trust, f.WithCrls(), f.Clock());
        var without = await validator.ValidateAsync(f.Cert("citizen"), f.AtNow);
        var with = await validator.ValidateAsync(f.Cert("citizen"), f.AtNow with { ExtraCertificates = [f.IssuingCa] });

        Assert.Equal(SubIndication.NoCertificateChainFound, without.SubIndication);
        Assert.Equal(Indication.TotalPassed, with.Indication);
        Assert.Equal(3, with.Chain.Count);
    }

    [Fact]
    public async Task Untrusted_root_gives_NO_CERTIFICATE_CHAIN_FOUND()
    {
        var otherRoot = SampleCertificateFactory.Root(SampleCertificateFactory.Name("Some Other Root"), f.Now.AddYears(-1), f.Now.AddYears(5), 2048);
        var validator = new CertificatePathValidator(new TrustStore([otherRoot.Certificate]), f.WithCrls(), f.Clock(), null, [f.IssuingCa, f.Root]);

        var result = await validator.ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(Indication.Indeterminate, result.Indication);
        Assert.Equal(SubIndication.NoCertificateChainFound, result.SubIndication);
        Assert.Empty(result.Chain);
    }

    [Fact]
    public async Task Expired_certificate_is_INDETERMINATE_OUT_OF_BOUNDS_NO_POE()
    {
        var result = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("expired"), f.AtNow);

        Assert.Equal(Indication.Indeterminate, result.Indication);
        Assert.Equal(SubIndication.OutOfBoundsNoPoe, result.SubIndication);
        Assert.Contains(result.Errors, e => e.Contains("expired"));
    }

    [Fact]
    public async Task Expired_certificate_passes_at_a_time_inside_its_validity_but_CRLs_issued_after_its_expiry_cannot_clear_it()
    {
        var inside = f.At(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var noRevocation = await f.Validator().ValidateAsync(f.Cert("expired"), inside);
        // A CA may drop expired certificates from its CRLs, so a CRL issued after the expiry proves nothing.
        var withLaterCrls = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("expired"), inside);

        Assert.Equal(Indication.TotalPassed, noRevocation.Indication);
        Assert.Equal(Indication.Indeterminate, withLaterCrls.Indication);
        Assert.Equal(SubIndication.TryLater, withLaterCrls.SubIndication);
    }

    [Fact]
    public async Task Past_time_is_judged_with_CRLs_issued_after_it()
    {
        var result = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("citizen"), f.At(f.Now.AddHours(-3)));
        Assert.Equal(Indication.TotalPassed, result.Indication);
    }

    [Fact]
    public async Task Certificate_used_before_its_notBefore_is_TOTAL_FAILED_NOT_YET_VALID()
    {
        var before = new DateTimeOffset(f.Cert("citizen").NotBefore.ToUniversalTime(), TimeSpan.Zero).AddDays(-3);
        var result = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("citizen"), f.At(before));

        Assert.Equal(Indication.TotalFailed, result.Indication);
        Assert.Equal(SubIndication.NotYetValid, result.SubIndication);
    }

    [Fact]
    public async Task Certificate_revoked_before_the_time_is_TOTAL_FAILED_REVOKED_with_its_date()
    {
        var result = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("revoked"), f.AtNow);

        Assert.Equal(Indication.TotalFailed, result.Indication);
        Assert.Equal(SubIndication.Revoked, result.SubIndication);
        Assert.Equal(f.Pki.RevokedAt, result.RevokedAt);
        Assert.Contains(result.Errors, e => e.Contains("keyCompromise"));
    }

    [Fact]
    public async Task Revoked_after_a_claimed_time_is_INDETERMINATE_REVOKED_NO_POE()
    {
        var claimed = f.Pki.RevokedAt.AddMinutes(-30);
        var result = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("revoked"), f.At(claimed, proof: false));

        Assert.Equal(Indication.Indeterminate, result.Indication);
        Assert.Equal(SubIndication.RevokedNoPoe, result.SubIndication);
    }

    [Fact]
    public async Task Revoked_after_a_proven_time_passes_with_a_warning()
    {
        var proven = f.Pki.RevokedAt.AddMinutes(-30);
        var result = await f.Validator(f.WithCrls()).ValidateAsync(f.Cert("revoked"), f.At(proven, proof: true));

        Assert.Equal(Indication.TotalPassed, result.Indication);
        Assert.Contains(result.Warnings, w => w.Contains("revoked on"));
    }

    [Fact]
    public async Task Key_usage_that_does_not_allow_signing_is_CHAIN_CONSTRAINTS_FAILURE()
    {
        var encipherOnly = SampleCertificateFactory.Issue(f.Pki.IssuingCa, SampleCertificateFactory.Name("Encryption Only"),
            RSA.Create(2048), f.Now.AddDays(-1), f.Now.AddYears(1), new CertificateProfile(X509KeyUsageFlags.KeyEncipherment));
        var request = f.AtNow with { RequiredKeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation };

        var refused = await f.Validator().ValidateAsync(encipherOnly.Certificate, request);
        var citizen = await f.Validator().ValidateAsync(f.Cert("citizen"), request);

        Assert.Equal(Indication.Indeterminate, refused.Indication);
        Assert.Equal(SubIndication.ChainConstraintsFailure, refused.SubIndication);
        Assert.Equal(Indication.TotalPassed, citizen.Indication);
    }

    [Fact]
    public async Task Certificate_whose_signature_was_altered_fails_with_CERTIFICATE_CHAIN_GENERAL_FAILURE()
    {
        var der = f.Cert("citizen").RawData;
        der[^5] ^= 0x01; // inside the issuer's signature value
        var tampered = X509CertificateLoader.LoadCertificate(der);

        var result = await f.Validator(f.WithCrls()).ValidateAsync(tampered, f.AtNow);

        Assert.Equal(Indication.Indeterminate, result.Indication);
        Assert.Equal(SubIndication.CertificateChainGeneralFailure, result.SubIndication);
    }

    [Fact]
    public async Task End_entity_used_as_a_CA_fails_with_CHAIN_CONSTRAINTS_FAILURE()
    {
        var citizen = f.Pki["citizen"];
        var child = SampleCertificateFactory.Issue(citizen, SampleCertificateFactory.Name("Issued By A Citizen"),
            RSA.Create(2048), f.Now.AddHours(-1), f.Now.AddYears(1), new CertificateProfile(X509KeyUsageFlags.DigitalSignature));
        var validator = new CertificatePathValidator(f.Trust, new RevocationOptions(), f.Clock(), null, [f.IssuingCa, citizen.Certificate]);

        var result = await validator.ValidateAsync(child.Certificate, f.AtNow);

        Assert.Equal(SubIndication.ChainConstraintsFailure, result.SubIndication);
    }

    [Fact]
    public async Task Missing_CRL_for_the_end_entity_is_INDETERMINATE_TRY_LATER()
    {
        var onlyRootCrl = new RevocationOptions { Crls = [f.Pki.RootCrl] };
        var result = await f.Validator(onlyRootCrl).ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(Indication.Indeterminate, result.Indication);
        Assert.Equal(SubIndication.TryLater, result.SubIndication);
    }

    [Fact]
    public async Task Without_any_revocation_source_the_path_passes_with_a_warning()
    {
        var result = await f.Validator().ValidateAsync(f.Cert("revoked"), f.AtNow);

        Assert.Equal(Indication.TotalPassed, result.Indication);
        Assert.Contains(result.Warnings, w => w.Contains("revocation not checked"));
    }

    [Fact]
    public async Task Revoked_issuing_CA_revokes_the_path()
    {
        var crl = new CertificateRevocationListBuilder();
        crl.AddEntry(f.IssuingCa, f.Now.AddDays(-2), X509RevocationReason.CACompromise);
        using var root = f.Pki.Root.WithKey();
        var rootCrl = crl.Build(root, 2, f.Now.AddDays(30), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, f.Now.AddDays(-1));

        var result = await f.Validator(new RevocationOptions { Crls = [rootCrl, f.Pki.IssuingCrl] }).ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(Indication.TotalFailed, result.Indication);
        Assert.Equal(SubIndication.Revoked, result.SubIndication);
        Assert.Contains(result.Errors, e => e.Contains("Issuing CA"));
    }

    [Fact]
    public async Task Crypto_policy_hook_refusing_RSA_1024_gives_its_finding()
    {
        var weak = SampleCertificateFactory.Issue(f.Pki.IssuingCa, SampleCertificateFactory.Name("Weak Key"),
            RSA.Create(1024), f.Now.AddDays(-1), f.Now.AddYears(1), new CertificateProfile(X509KeyUsageFlags.DigitalSignature));

        var result = await f.Validator(policy: new MinimumRsaPolicy(2048)).ValidateAsync(weak.Certificate, f.AtNow);
        var strong = await f.Validator(policy: new MinimumRsaPolicy(2048)).ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(SubIndication.CryptoConstraintsFailure, result.SubIndication);
        Assert.Equal(Indication.TotalPassed, strong.Indication);
    }

    [Fact]
    public async Task Garbage_CRL_is_ignored_with_a_warning_never_an_exception()
    {
        var options = new RevocationOptions { Crls = [[0x30, 0x03, 0x02, 0x01], .. f.WithCrls().Crls] };
        var result = await f.Validator(options).ValidateAsync(f.Cert("citizen"), f.AtNow);

        Assert.Equal(Indication.TotalPassed, result.Indication);
        Assert.Contains(result.Warnings, w => w.Contains("unreadable CRL"));
    }

    [Fact]
    public void Trust_store_lists_subject_SHA256_thumbprint_and_notAfter()
    {
        var listed = Assert.Single(TrustStore.FromFiles([Path.Combine(f.Directory, "root-ca.crt")]).List());

        Assert.Contains("Sample Root CA", listed.Subject);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(f.Root.RawData)), listed.Thumbprint);
        Assert.Equal(f.Root.NotAfter.ToUniversalTime(), listed.NotAfter.UtcDateTime);
    }

    private sealed class MinimumRsaPolicy(int bits) : ICertificateAlgorithmPolicy
    {
        public PathPolicyFinding? Check(X509Certificate2 certificate, int position, DateTimeOffset at) =>
            certificate.GetRSAPublicKey() is { } rsa && rsa.KeySize < bits
                ? new PathPolicyFinding(Indication.Indeterminate, SubIndication.CryptoConstraintsFailure, $"RSA-{rsa.KeySize} is below {bits}")
                : null;
    }
}
