using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Signatures.Cms;
using IntegrationHub.Signatures.Creation;
using IntegrationHub.Signatures.Tests.Cms.Fixtures;
using IntegrationHub.Signatures.Tests.Validation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;

namespace IntegrationHub.Signatures.Tests.Mutation;

/// <summary>
/// Survivors of Stryker on Validation/: what one signature's process asks the path validator and makes of its answer
/// (revocation without proof of existence, the signer's validity bounds), the integrity checks in their order with the
/// words they report, how the signer is identified, and the path cache's reuse rules.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class SignatureProcessMutationTests(TestPki pki)
{
    private static readonly SigningParameters Parameters = new(TestPki.Now, HashAlgorithmName.SHA256);

    private async Task<SignatureEvidence> SignedEvidence(X509Certificate2? signer = null)
    {
        var signed = await LocalSigner.SignAsync(new CadesSigner(true), SignedFiles.Content, signer ?? pki.RsaSigner, Parameters);
        return CmsSignatureReader.Read(signed, null, "CADES").Single();
    }

    private static SignatureReport Process(SignatureEvidence evidence, ICertificatePathValidator paths, DateTimeOffset? at = null,
        string format = "CADES", ValidationOptions? options = null) =>
        SignatureProcess.Validate(evidence, new ValidationContext(options ?? new ValidationOptions(paths), at ?? TestPki.Now, format, new PathCache()));

    [Theory]
    [InlineData("XADES", "XML-NOT-ETSI")]
    [InlineData("PADES", "PDF-NOT-ETSI")]
    [InlineData("CADES", "CMS-NOT-ETSI")]
    [InlineData("CMS", "CMS-NOT-ETSI")]
    public async Task Signature_without_ETSI_attributes_is_named_after_its_file_format(string format, string level)
    {
        var evidence = await SignedEvidence() with { HasEtsiSignedAttributes = false };
        Assert.Equal(level, Process(evidence, new FakePathValidator(), format: format).Level);
    }

    [Fact]
    public async Task Without_a_timestamp_the_level_is_B_B_even_when_validation_data_is_carried()
    {
        var evidence = await SignedEvidence();
        Assert.True(evidence.HasEtsiSignedAttributes);
        Assert.Equal("B-B", Process(evidence, new FakePathValidator()).Level);
        Assert.Equal("B-B", Process(evidence with { CarriesValidationData = true }, new FakePathValidator()).Level);
    }

    [Fact]
    public async Task Path_validator_is_asked_at_the_validation_time_with_carried_then_supplied_data()
    {
        var carriedCrl = new byte[] { 1, 2, 3 };
        var suppliedCrl = new byte[] { 4, 5 };
        var ocsp = new byte[] { 6 };
        var evidence = await SignedEvidence() with { Crls = [carriedCrl], OcspResponses = [ocsp] };
        var paths = new FakePathValidator
        {
            Answer = (target, _) => new PathValidationResult(Indication.TotalPassed, null, [target, pki.Root], null, ["path error"], ["path warning"]),
        };
        var options = new ValidationOptions(paths) { ExtraCertificates = [pki.EcSigner], ExtraCrls = [suppliedCrl] };
        var at = TestPki.Now.AddDays(3);

        var report = Process(evidence, paths, at, options: options);

        var (target, request) = Assert.Single(paths.Calls);
        Assert.Equal(pki.RsaSigner.RawData, target.RawData);
        Assert.Equal(at, request.At);
        Assert.False(request.AtIsProofOfExistence);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, request.RequiredKeyUsage);
        Assert.Equal([.. evidence.Certificates.Select(c => c.Thumbprint), pki.EcSigner.Thumbprint], request.ExtraCertificates.Select(c => c.Thumbprint));
        Assert.Equal([carriedCrl, suppliedCrl], request.CarriedCrls);
        Assert.Equal([ocsp], request.CarriedOcspResponses);

        Assert.Equal(Indication.TotalPassed, report.Indication);
        Assert.Equal([pki.RsaSigner.Subject, pki.Root.Subject], report.Chain);
        Assert.Equal(["path error"], report.Errors);
        Assert.Equal(["path warning"], report.Warnings);
        Assert.Equal(at, report.BestSignatureTime);
        Assert.Equal(TestPki.Now, report.SigningTime);
        Assert.Equal(pki.RsaSigner.Subject, report.Signer!.Subject);
    }

    [Fact]
    public async Task Without_supplied_data_the_path_validator_gets_exactly_what_the_file_carries()
    {
        var evidence = await SignedEvidence() with { Crls = [[9]] };
        var paths = new FakePathValidator();
        Process(evidence, paths);
        var request = paths.Calls.Single().Request;
        Assert.Same(evidence.Certificates, request.ExtraCertificates);
        Assert.Same(evidence.Crls, request.CarriedCrls);
    }

    [Fact]
    public async Task A_path_validator_that_throws_is_CERTIFICATE_CHAIN_GENERAL_FAILURE_with_its_message()
    {
        var paths = new FakePathValidator { Answer = (_, _) => throw new InvalidOperationException("the trust store is gone") };
        var report = Process(await SignedEvidence(), paths);
        Assert.Equal((Indication.Indeterminate, SubIndication.CertificateChainGeneralFailure), (report.Indication, report.SubIndication));
        Assert.Equal(["Path validation failed: the trust store is gone"], report.Errors);
        Assert.Empty(report.Chain);
    }

    [Fact]
    public async Task A_revoked_signer_without_proof_of_existence_is_REVOKED_NO_POE_and_other_answers_pass_through()
    {
        var evidence = await SignedEvidence();
        var revoked = new FakePathValidator { Answer = (_, _) => FakePathValidator.Result(Indication.TotalFailed, SubIndication.Revoked, TestPki.Now.AddDays(-1)) };
        var report = Process(evidence, revoked);
        Assert.Equal((Indication.Indeterminate, SubIndication.RevokedNoPoe), (report.Indication, report.SubIndication));
        Assert.Equal(["fake: REVOKED"], report.Errors);

        var noChain = new FakePathValidator { Answer = (_, _) => FakePathValidator.Result(Indication.Indeterminate, SubIndication.NoCertificateChainFound) };
        report = Process(evidence, noChain);
        Assert.Equal((Indication.Indeterminate, SubIndication.NoCertificateChainFound), (report.Indication, report.SubIndication));
    }

    [Fact]
    public async Task Signer_validity_bounds_are_inclusive_at_the_best_signature_time()
    {
        var evidence = await SignedEvidence();
        var paths = new FakePathValidator();
        Assert.Equal(Indication.TotalPassed, Process(evidence, paths, TestPki.NotAfter).Indication);
        Assert.Equal(Indication.TotalPassed, Process(evidence, paths, TestPki.NotBefore).Indication);

        var late = Process(evidence, paths, TestPki.NotAfter.AddSeconds(1));
        Assert.Equal((Indication.Indeterminate, SubIndication.OutOfBoundsNoPoe), (late.Indication, late.SubIndication));
        var early = Process(evidence, paths, TestPki.NotBefore.AddSeconds(-1));
        Assert.Equal((Indication.TotalFailed, SubIndication.NotYetValid), (early.Indication, early.SubIndication));
    }

    [Fact]
    public async Task Format_errors_come_first_and_are_all_reported_without_a_signer()
    {
        var evidence = await SignedEvidence() with
        {
            FormatErrors = ["first problem", "second problem"],
            Failures = [(SubIndication.HashFailure, "ignored")],
            References = [new ReferenceCheck("x", false, false)],
        };
        var result = SignatureProcess.CheckIntegrity(evidence, [], CryptoPolicy.VnDefault);
        Assert.Equal(Verdict.Failed(SubIndication.FormatFailure), result.Verdict);
        Assert.Null(result.Signer);
        Assert.Equal(["first problem", "second problem"], result.Errors);

        var report = Process(evidence, new FakePathValidator());
        Assert.Null(report.Signer);
        Assert.Empty(report.Chain);
    }

    [Fact]
    public async Task Failures_take_the_first_sub_indication_and_report_every_message()
    {
        var evidence = await SignedEvidence() with
        {
            Failures = [(SubIndication.SigCryptoFailure, "wrapped"), (SubIndication.HashFailure, "moved")],
            References = [new ReferenceCheck("x", false, false)],
        };
        var result = SignatureProcess.CheckIntegrity(evidence, [], CryptoPolicy.VnDefault);
        Assert.Equal(Verdict.Failed(SubIndication.SigCryptoFailure), result.Verdict);
        Assert.Equal(["wrapped", "moved"], result.Errors);
        Assert.Null(result.Signer);
    }

    [Fact]
    public async Task References_are_checked_in_order_and_their_detail_is_appended()
    {
        var evidence = await SignedEvidence();
        var missing = SignatureProcess.CheckIntegrity(evidence with
        {
            References = [new ReferenceCheck("good", true, true), new ReferenceCheck("#annex", false, false, "No element has Id 'annex'."), new ReferenceCheck("later", true, false)],
        }, [], CryptoPolicy.VnDefault);
        Assert.Equal(Verdict.Indeterminate(SubIndication.SignedDataNotFound), missing.Verdict);
        Assert.Equal(["Signed data '#annex' not found. No element has Id 'annex'."], missing.Errors);

        var changed = SignatureProcess.CheckIntegrity(evidence with
        {
            References = [new ReferenceCheck("good", true, true), new ReferenceCheck("/ByteRange", true, false, "Bytes 10-20 differ.")],
        }, [], CryptoPolicy.VnDefault);
        Assert.Equal(Verdict.Failed(SubIndication.HashFailure), changed.Verdict);
        Assert.Equal(["The digest of '/ByteRange' does not match: the signed data was changed. Bytes 10-20 differ."], changed.Errors);

        var plain = SignatureProcess.CheckIntegrity(evidence with { References = [new ReferenceCheck("doc", false, false)] }, [], CryptoPolicy.VnDefault);
        Assert.Equal(["Signed data 'doc' not found."], plain.Errors);
        Assert.True(SignatureProcess.CheckIntegrity(evidence with { References = [new ReferenceCheck("doc", true, true)] }, [], CryptoPolicy.VnDefault).Verdict.IsPassed);
    }

    [Fact]
    public async Task A_passing_signature_reports_its_signer_and_no_errors()
    {
        var result = SignatureProcess.CheckIntegrity(await SignedEvidence(), [], CryptoPolicy.VnDefault);
        Assert.Equal(Verdict.Passed, result.Verdict);
        Assert.Equal(pki.RsaSigner.RawData, result.Signer!.RawData);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task Signer_is_identified_by_every_field_the_signature_gives()
    {
        var evidence = await SignedEvidence();
        var id = evidence.Signer;
        Assert.NotNull(id.SerialNumber);
        Assert.NotNull(id.IssuerName);
        SignatureEvidence With(SignerIdentifier signer, params X509Certificate2[] carried) =>
            evidence with { Signer = signer, Certificates = carried };
        X509Certificate2? Find(SignatureEvidence e, params X509Certificate2[] extra)
        {
            var errors = new List<string>();
            var found = SignerIdentification.Find(e, extra, errors);
            Assert.Equal(found is null ? 1 : 0, errors.Count);
            return found;
        }
        var serialOnly = new SignerIdentifier(id.IssuerName, id.SerialNumber);

        // The carried certificates come before the supplied ones; a wrong issuer with the right serial is not the signer.
        Assert.Equal(pki.RsaSigner.Thumbprint, Find(With(serialOnly, pki.EcSigner, pki.RsaSigner))!.Thumbprint);
        Assert.Equal(pki.RsaSigner.Thumbprint, Find(With(serialOnly), pki.EcSigner, pki.RsaSigner)!.Thumbprint);
        var suppliedCopy = X509CertificateLoader.LoadCertificate(pki.RsaSigner.RawData);
        Assert.Same(pki.RsaSigner, Find(With(serialOnly, pki.RsaSigner), suppliedCopy));
        Assert.Null(Find(With(serialOnly with { IssuerName = "CN=Another CA, C=VN" }, pki.RsaSigner)));
        Assert.Null(Find(With(serialOnly with { SerialNumber = [0x01, 0x02] }, pki.RsaSigner)));

        // Nothing to identify by: no certificate is taken on trust.
        Assert.Null(Find(With(new SignerIdentifier(), pki.RsaSigner)));

        // A subject key identifier alone identifies; the issuer name only counts next to a serial number.
        var ski = CertificateFacts.Of(pki.RsaSigner).SubjectKeyIdentifier!;
        Assert.Equal(pki.RsaSigner.Thumbprint, Find(With(new SignerIdentifier(SubjectKeyIdentifier: ski), pki.EcSigner, pki.RsaSigner))!.Thumbprint);
        Assert.Equal(pki.RsaSigner.Thumbprint, Find(With(new SignerIdentifier("CN=Another CA, C=VN", SubjectKeyIdentifier: ski), pki.RsaSigner))!.Thumbprint);
        Assert.Null(Find(With(new SignerIdentifier(SubjectKeyIdentifier: [.. ski.Take(ski.Length - 1), (byte)(ski[^1] ^ 1)]), pki.RsaSigner)));
        Assert.Null(Find(With(serialOnly with { SubjectKeyIdentifier = CertificateFacts.Of(pki.EcSigner).SubjectKeyIdentifier }, pki.RsaSigner)));

        // A certificate named by the signature itself (PDF /Cert, XML KeyInfo): the same bytes in another instance match.
        var copy = X509CertificateLoader.LoadCertificate(pki.RsaSigner.RawData);
        Assert.Same(copy, Find(With(new SignerIdentifier(Certificate: copy))));
        Assert.Equal(pki.RsaSigner.Thumbprint, Find(With(new SignerIdentifier(Certificate: copy), pki.EcSigner, pki.RsaSigner))!.Thumbprint);
        Assert.Null(Find(With(new SignerIdentifier(id.IssuerName, id.SerialNumber, Certificate: pki.EcSigner), pki.RsaSigner)));
    }

    [Fact]
    public async Task A_signing_certificate_reference_that_does_not_match_says_so()
    {
        var evidence = await SignedEvidence();
        var forged = evidence with { SigningCertificateReference = evidence.SigningCertificateReference! with { Value = SHA256.HashData(pki.EcSigner.RawData) } };
        var errors = new List<string>();
        Assert.Null(SignerIdentification.Find(forged, [], errors));
        Assert.Equal(["The signed signing-certificate reference does not match the certificate that identifies the signer."], errors);
        Assert.NotNull(SignerIdentification.Find(evidence with { SigningCertificateReference = null }, [], []));
    }

    [Fact]
    public void Path_cache_reuses_an_answer_within_the_minute_and_for_the_same_data_only()
    {
        var cache = new PathCache();
        var paths = new FakePathValidator();
        var at = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
        var request = new PathValidationRequest(at, [pki.Root], [[1]], [[2]], X509KeyUsageFlags.DigitalSignature);

        var first = cache.Validate(paths, pki.RsaSigner, request);
        Assert.Same(first, cache.Validate(paths, pki.RsaSigner, request with { At = at.AddSeconds(59) }));
        Assert.Single(paths.Calls);

        PathValidationRequest[] different =
        [
            request with { At = at.AddMinutes(1) },
            request with { AtIsProofOfExistence = true },
            request with { RequiredKeyUsage = X509KeyUsageFlags.KeyCertSign },
            request with { ExtraCertificates = [] },
            request with { ExtraCertificates = [pki.Tsa] },
            request with { CarriedCrls = [] },
            request with { CarriedCrls = [[1, 0]] },
            request with { CarriedOcspResponses = [] },
            request with { CarriedOcspResponses = [[3]] },
        ];
        foreach (var other in different) cache.Validate(paths, pki.RsaSigner, other);
        Assert.Equal(1 + different.Length, paths.Calls.Count);

        cache.Validate(paths, pki.EcSigner, request);
        cache.Validate(new FakePathValidator(), pki.RsaSigner, request);
        Assert.Equal(2 + different.Length, paths.Calls.Count);
    }

    [Fact]
    public void Path_cache_asks_again_after_TRY_LATER()
    {
        var cache = new PathCache();
        var paths = new FakePathValidator { Answer = (_, _) => FakePathValidator.Result(Indication.Indeterminate, SubIndication.TryLater) };
        var request = new PathValidationRequest(TestPki.Now, [], [], [], X509KeyUsageFlags.DigitalSignature);
        cache.Validate(paths, pki.RsaSigner, request);
        cache.Validate(paths, pki.RsaSigner, request);
        Assert.Equal(2, paths.Calls.Count);
    }

    [Fact]
    public void Path_cache_is_cleared_when_it_holds_ten_thousand_answers()
    {
        var cache = new PathCache();
        var paths = new FakePathValidator();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        PathValidationRequest At(int minute) => new(start.AddMinutes(minute), [], [], [], X509KeyUsageFlags.DigitalSignature);

        for (var minute = 0; minute < 10_000; minute++) cache.Validate(paths, pki.RsaSigner, At(minute));
        cache.Validate(paths, pki.RsaSigner, At(0));
        Assert.Equal(10_000, paths.Calls.Count); // the ten-thousandth answer still fits

        cache.Validate(paths, pki.RsaSigner, At(10_000)); // the one after clears the cache, then is kept
        cache.Validate(paths, pki.RsaSigner, At(10_000));
        Assert.Equal(10_001, paths.Calls.Count);
        cache.Validate(paths, pki.RsaSigner, At(0));
        Assert.Equal(10_002, paths.Calls.Count);
    }

    [Fact]
    public void Cached_path_validator_answers_through_its_cache()
    {
        var paths = new FakePathValidator();
        var cached = new CachedPathValidator(paths, new PathCache());
        var request = new PathValidationRequest(TestPki.Now, [], [], [], X509KeyUsageFlags.DigitalSignature);
        var first = cached.Validate(pki.Tsa, request);
        Assert.Same(first, cached.Validate(pki.Tsa, request));
        Assert.Single(paths.Calls);
    }
}
