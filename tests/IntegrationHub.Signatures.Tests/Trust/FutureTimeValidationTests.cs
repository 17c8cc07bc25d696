using IntegrationHub.Signatures.Revocation;
using IntegrationHub.Signatures.Trust;
using IntegrationHub.Signatures.Validation;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Signatures.Tests.Trust;

/// <summary>
/// The engine's time is the validation time its clock gives, never the machine's: a PKI made five years ahead of
/// the real now, its CRLs issued then, validates then (BouncyCastle's CRL processing refused that as
/// "Validation time is in future" and the result was TRY_LATER).
/// </summary>
public sealed class FutureTimeValidationTests
{
    private static readonly DateTimeOffset Ahead =
        DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().AddYears(5).ToUnixTimeSeconds());

    private static readonly SamplePki Pki = SamplePki.Create(SamplePki.DefaultBaseUrl, new FakeTimeProvider(Ahead));

    private static CertificatePathValidator Validator() =>
        new(new TrustStore([Pki.Root.Certificate]), new RevocationOptions { Crls = [Pki.RootCrl, Pki.IssuingCrl] },
            new FakeTimeProvider(Ahead), intermediates: [Pki.IssuingCa.Certificate]);

    [Fact]
    public async Task Good_certificate_passes_with_CRLs_at_a_time_years_after_the_real_now()
    {
        var result = await Validator().ValidateAsync(Pki["citizen"].Certificate, new PathValidationRequest(Ahead, [], [], []));

        Assert.True(Ahead > DateTimeOffset.UtcNow.AddYears(4));
        Assert.Equal(Indication.TotalPassed, result.Indication);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("revocation not checked"));
    }

    [Fact]
    public async Task Revoked_certificate_is_REVOKED_at_a_time_years_after_the_real_now()
    {
        var result = await Validator().ValidateAsync(Pki["revoked"].Certificate, new PathValidationRequest(Ahead, [], [], []));

        Assert.Equal(Indication.TotalFailed, result.Indication);
        Assert.Equal(SubIndication.Revoked, result.SubIndication);
        Assert.Equal(Pki.RevokedAt, result.RevokedAt);
    }

    [Fact]
    public async Task CRLs_expired_by_the_future_time_leave_the_status_unknown()
    {
        var later = Ahead.AddYears(2);
        var result = await new CertificatePathValidator(
                new TrustStore([Pki.Root.Certificate]), new RevocationOptions { Crls = [Pki.RootCrl, Pki.IssuingCrl] },
                new FakeTimeProvider(later), intermediates: [Pki.IssuingCa.Certificate])
            .ValidateAsync(Pki["citizen"].Certificate, new PathValidationRequest(later, [], [], []));

        Assert.Equal(Indication.Indeterminate, result.Indication);
        Assert.Equal(SubIndication.TryLater, result.SubIndication);
        Assert.Contains(result.Errors, e => e.Contains("not current"));
    }
}
